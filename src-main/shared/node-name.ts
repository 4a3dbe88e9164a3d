/** The name of Skiff's one Node, the Docker engine: what the scheduler binds pods to and the kubelet runs. */
export const NODE_NAME = 'skiff';

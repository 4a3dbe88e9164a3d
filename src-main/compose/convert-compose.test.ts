import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../shared/api-types';
import { BUILD_LINK_ANNOTATION } from '../shared/build-link';
import { ComposeError } from './compose-types';
import { convertCompose } from './convert-compose';

type Any = Record<string, any>;

const convert = (compose: string, extra: Omit<Parameters<typeof convertCompose>[0], 'compose'> = {}) =>
  convertCompose({ compose, ...extra });
const find = (objects: KubeObject[], kind: string, name?: string) =>
  objects.find((o) => o.kind === kind && (!name || o.metadata.name === name)) as Any;
const container = (objects: KubeObject[], name?: string) =>
  find(objects, 'Deployment', name).spec.template.spec.containers[0] as Any;

describe('convertCompose: services', () => {
  it.each([
    ['image', 'image: nginx:1.27', (c: Any) => expect(c.image).toBe('nginx:1.27')],
    [
      'command string split like a shell',
      `image: x\n    command: sh -c 'echo "a b"'`,
      (c: Any) => expect(c.args).toEqual(['sh', '-c', 'echo "a b"']),
    ],
    ['command list', 'image: x\n    command: ["a", "b c"]', (c: Any) => expect(c.args).toEqual(['a', 'b c'])],
    [
      'entrypoint → command',
      'image: x\n    entrypoint: /bin/run --x',
      (c: Any) => expect(c.command).toEqual(['/bin/run', '--x']),
    ],
    [
      'environment list',
      'image: x\n    environment: ["A=1", "B=x=y"]',
      (c: Any) =>
        expect(c.env).toEqual([
          { name: 'A', value: '1' },
          { name: 'B', value: 'x=y' },
        ]),
    ],
    [
      'environment map with numbers',
      'image: x\n    environment: {A: 1, B: true}',
      (c: Any) =>
        expect(c.env).toEqual([
          { name: 'A', value: '1' },
          { name: 'B', value: 'true' },
        ]),
    ],
    ['working_dir', 'image: x\n    working_dir: /app', (c: Any) => expect(c.workingDir).toBe('/app')],
    [
      'numeric user',
      'image: x\n    user: "1000:2000"',
      (c: Any) => expect(c.securityContext).toEqual({ runAsUser: 1000, runAsGroup: 2000 }),
    ],
    [
      'named user is left to the image',
      'image: x\n    user: postgres',
      (c: Any) => expect(c.securityContext).toBeUndefined(),
    ],
    [
      'ports → containerPorts',
      'image: x\n    ports: ["8080:80", "53/udp"]',
      (c: Any) =>
        expect(c.ports).toEqual([
          { containerPort: 80, protocol: 'TCP' },
          { containerPort: 53, protocol: 'UDP' },
        ]),
    ],
    [
      'deploy.resources.limits',
      'image: x\n    deploy: {resources: {limits: {cpus: "0.5", memory: 512M}}}',
      (c: Any) => expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '512Mi' } }),
    ],
    [
      'read_only',
      'image: x\n    read_only: true',
      (c: Any) => expect(c.securityContext).toEqual({ readOnlyRootFilesystem: true }),
    ],
  ])('%s', (_name, service, check) => {
    check(container(convert(`services:\n  web:\n    ${service}\n`).objects));
  });

  it('labels every object with the project and selects pods by service', () => {
    const { objects, project } = convert(
      'name: Shop\nservices:\n  web_1:\n    image: x\n    ports: ["80"]\n',
    );
    expect(project).toBe('shop');
    const deployment = find(objects, 'Deployment', 'web-1');
    expect(deployment.spec.selector.matchLabels).toEqual({
      'skiff.io/compose-project': 'shop',
      'skiff.io/compose-service': 'web-1',
    });
    expect(find(objects, 'Service', 'web-1').spec.selector).toEqual(deployment.spec.selector.matchLabels);
  });

  it('maps published ports to a NodePort Service (kept when in range) and expose to ClusterIP', () => {
    const { objects, notes } = convert(
      'services:\n  a:\n    image: x\n    ports: ["30080:80", "8443:443"]\n  b:\n    image: x\n    expose: ["5432"]\n',
    );
    const a = find(objects, 'Service', 'a').spec;
    expect(a.type).toBe('NodePort');
    expect(a.ports).toEqual([
      { name: 'tcp-80', port: 80, targetPort: 80, protocol: 'TCP', nodePort: 30080 },
      { name: 'tcp-443', port: 443, targetPort: 443, protocol: 'TCP' },
    ]);
    expect(notes.find((n) => n.text.includes('host port 8443'))?.level).toBe('changed');
    expect(find(objects, 'Service', 'b').spec).toMatchObject({ type: 'ClusterIP', ports: [{ port: 5432 }] });
  });

  it('makes no Service for a service without ports, and says so', () => {
    const { objects, notes } = convert('services:\n  worker:\n    image: x\n');
    expect(find(objects, 'Service')).toBeUndefined();
    expect(notes.some((n) => n.field === 'services.worker' && n.text.includes('no Service'))).toBe(true);
  });

  it('turns env_file into a ConfigMap used through envFrom, and names a missing file', () => {
    const withFile = convert('services:\n  web:\n    image: x\n    env_file: [.env.web]\n', {
      files: { '.env.web': '# c\nexport A=1\nB="two words"\n' },
    });
    expect(find(withFile.objects, 'ConfigMap', 'web-env').data).toEqual({ A: '1', B: 'two words' });
    expect(container(withFile.objects).envFrom).toEqual([{ configMapRef: { name: 'web-env' } }]);
    const missing = convert('services:\n  web:\n    image: x\n    env_file: .env\n');
    expect(missing.notes.find((n) => n.field === 'services.web.env_file[0]')).toMatchObject({
      level: 'dropped',
    });
  });

  it('turns a healthcheck into a readinessProbe', () => {
    const { objects } = convert(
      'services:\n  db:\n    image: x\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $${USER}"]\n      interval: 1m30s\n      timeout: 5s\n      retries: 5\n      start_period: 10s\n',
    );
    expect(container(objects).readinessProbe).toEqual({
      exec: { command: ['/bin/sh', '-c', 'pg_isready -U ${USER}'] },
      periodSeconds: 90,
      timeoutSeconds: 5,
      failureThreshold: 5,
      initialDelaySeconds: 10,
    });
    expect(container(objects).livenessProbe).toBeUndefined();
    expect(
      container(convert('services:\n  a:\n    image: x\n    healthcheck: {test: ["NONE"]}\n').objects)
        .readinessProbe,
    ).toBeUndefined();
  });

  it.each([
    ['stop-first (the default)', '{parallelism: 2}', { maxSurge: 0, maxUnavailable: 2 }],
    ['start-first', '{order: start-first}', { maxSurge: 1, maxUnavailable: 0 }],
  ])('maps deploy.update_config %s to the rolling update', (_n, update, rollingUpdate) => {
    const d = find(
      convert(`services:\n  a:\n    image: x\n    deploy: {replicas: 3, update_config: ${update}}\n`).objects,
      'Deployment',
    );
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate });
  });

  it('mounts named volumes as claims, tmpfs as memory, and needs the folder for relative binds', () => {
    const compose =
      'services:\n  db:\n    image: x\n    volumes: ["data:/var/lib/db", "./conf:/etc/conf:ro", "/tmp/x:/x"]\n    tmpfs: /run\nvolumes:\n  data: {}\n';
    const pasted = convert(compose);
    expect(find(pasted.objects, 'PersistentVolumeClaim', 'data').spec.resources.requests.storage).toBe('1Gi');
    const spec = find(pasted.objects, 'Deployment').spec.template.spec;
    expect(spec.volumes).toEqual([
      { name: 'vol-data', persistentVolumeClaim: { claimName: 'data' } },
      { name: 'bind-1', hostPath: { path: '/tmp/x' } },
      { name: 'tmpfs-t0', emptyDir: { medium: 'Memory' } },
    ]);
    expect(pasted.notes.find((n) => n.field === 'services.db.volumes[1]')?.level).toBe('dropped');
    const fromFolder = convert(compose, { directory: '/home/me/app' });
    expect(container(fromFolder.objects).volumeMounts).toContainEqual({
      name: 'bind-1',
      mountPath: '/etc/conf',
      readOnly: true,
    });
    expect(find(fromFolder.objects, 'Deployment').spec.template.spec.volumes).toContainEqual({
      name: 'bind-1',
      hostPath: { path: '/home/me/app/conf' },
    });
  });

  it('makes Secrets and ConfigMaps from files and mounts them where Compose does', () => {
    const { objects, notes } = convert(
      'services:\n  app:\n    image: x\n    secrets: [db-password]\n    configs: [{source: nginx, target: /etc/nginx.conf}]\nsecrets:\n  db-password: {file: db/password.txt}\nconfigs:\n  nginx: {content: "server {}"}\n',
      { files: { 'db/password.txt': 's3cret' } },
    );
    expect(find(objects, 'Secret', 'db-password').stringData).toEqual({ 'db-password': 's3cret' });
    expect(find(objects, 'ConfigMap', 'nginx').data).toEqual({ nginx: 'server {}' });
    expect(container(objects).volumeMounts).toEqual([
      {
        name: 'secret-db-password',
        mountPath: '/run/secrets/db-password',
        subPath: 'db-password',
        readOnly: true,
      },
      { name: 'config-nginx', mountPath: '/etc/nginx.conf', subPath: 'nginx', readOnly: true },
    ]);
    expect(JSON.stringify(notes)).not.toContain('s3cret');
  });

  it('makes an empty Secret when its file is not given, and says which key to fill', () => {
    const { objects, notes } = convert('services:\n  a:\n    image: x\nsecrets:\n  token: {file: t.txt}\n');
    expect(find(objects, 'Secret', 'token').stringData).toEqual({ token: '' });
    expect(notes.find((n) => n.field === 'secrets.token')).toMatchObject({ level: 'changed' });
  });

  it('links build: to its folder when the folder is known, and names the image Compose would', () => {
    const compose =
      'name: shop\nservices:\n  api:\n    build: {context: backend, target: builder, args: {GO: "1.22"}}\n';
    const linked = find(convert(compose, { directory: '/src/shop' }).objects, 'Deployment');
    expect(JSON.parse(linked.metadata.annotations[BUILD_LINK_ANNOTATION])).toEqual({
      container: 'api',
      context: '/src/shop/backend',
      target: 'builder',
      buildArgs: { GO: '1.22' },
    });
    const pasted = convert(compose);
    expect(container(pasted.objects)).toMatchObject({ image: 'shop-api', imagePullPolicy: 'Never' });
    expect(pasted.notes.find((n) => n.field === 'services.api.build')).toMatchObject({ level: 'dropped' });
  });

  it.each([
    ['network_mode', 'network_mode: host'],
    ['privileged', 'privileged: true'],
    ['cap_add', 'cap_add: [NET_ADMIN]'],
    ['devices', 'devices: ["/dev/kvm"]'],
    ['unknown', 'frobnicate: 1'],
  ])('says plainly that %s is left out', (key, line) => {
    const { objects, notes } = convert(`services:\n  a:\n    image: x\n    ${line}\n`);
    expect(notes.find((n) => n.field === `services.a.${key === 'unknown' ? 'frobnicate' : key}`)?.level).toBe(
      'dropped',
    );
    expect(JSON.stringify(find(objects, 'Deployment'))).not.toMatch(/privileged|hostNetwork/);
  });

  it('explains depends_on and restart', () => {
    const { notes } = convert(
      'services:\n  a:\n    image: x\n    restart: "no"\n    depends_on: {db: {condition: service_healthy}}\n  db:\n    image: y\n    restart: always\n',
    );
    expect(notes.find((n) => n.field === 'services.a.depends_on')?.text).toContain('no start order');
    expect(notes.find((n) => n.field === 'services.a.restart')?.level).toBe('changed');
    expect(notes.find((n) => n.field === 'services.db.restart')?.level).toBe('mapped');
  });

  it('interpolates variables with defaults and reports unset ones', () => {
    const { objects, notes } = convert(
      'services:\n  a:\n    image: "nginx:${TAG:-1.27}"\n    environment: ["X=${MISSING}", "Y=$$HOME"]\n',
      { environment: {} },
    );
    expect(container(objects).image).toBe('nginx:1.27');
    expect(container(objects).env).toEqual([
      { name: 'X', value: '' },
      { name: 'Y', value: '$HOME' },
    ]);
    expect(notes.some((n) => n.text.includes('MISSING is not set'))).toBe(true);
  });

  it('skips services behind a profile', () => {
    const { objects } = convert(
      'services:\n  a:\n    image: x\n  debug:\n    image: y\n    profiles: [dev]\n',
    );
    expect(objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name)).toEqual(['a']);
  });

  it.each([
    ['not YAML', 'services: [', 'compose: not YAML'],
    ['no services', 'volumes: {}', 'compose.services: must map'],
    ['a list', '- a', 'compose: must be a YAML mapping'],
  ])('refuses %s with the field named', (_n, text, message) => {
    expect(() => convert(text)).toThrow(ComposeError);
    expect(() => convert(text)).toThrow(message);
  });
});

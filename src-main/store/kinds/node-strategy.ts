import { nodeType } from '../../shared/resource-types';
import type { KindStrategy } from '../kind-strategy';

export const nodeStrategy: KindStrategy = {
  type: nodeType,
  nameRule: 'dns1123-subdomain',
  validate: () => [],
};

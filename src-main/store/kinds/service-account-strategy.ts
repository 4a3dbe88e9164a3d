import { serviceAccountType } from '../../shared/rbac-types';
import type { KindStrategy } from '../kind-strategy';

/** core/v1 ServiceAccount: ValidateServiceAccount checks only the metadata (a DNS-1123 subdomain name). */
export const serviceAccountStrategy: KindStrategy = {
  type: serviceAccountType,
  nameRule: 'dns1123-subdomain',
  validate: () => [],
};

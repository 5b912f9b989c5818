export { installRequestSchema, type InstallRequest } from '@/lib/install/request';

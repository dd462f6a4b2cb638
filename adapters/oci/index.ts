export { createOCI, type OCIProvider } from './create-oci.ts';
export { ociBaseURL } from './oci-base-url.ts';
export { ociKeyFingerprint } from './oci-key-fingerprint.ts';
export { ociProviderDefinition } from './oci-provider-definition.ts';
export type { OCISettings } from './oci-settings.ts';
export { loadOCIProfile, type OCIProfile, type OCIProfileSource } from './load-oci-profile.ts';
export { resolveOCIConfigPath } from './resolve-oci-config-path.ts';
export { signOCIRequest, type OCIRequestSigner, type OCISignableRequest } from './sign-oci-request.ts';
export { withOCISigning } from './with-oci-signing.ts';

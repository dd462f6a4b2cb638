export { createOCI, ociBaseURL, type OCIProvider } from './create-oci.ts';
export { ociKeyFingerprint } from './oci-key-fingerprint.ts';
export { ociProviderDefinition } from './oci-provider-definition.ts';
export type { OCISettings } from './oci-settings.ts';
export { loadOCIProfile, resolveOCIConfigPath, type OCIProfile, type OCIProfileSource } from './load-oci-profile.ts';
export { signOCIRequest, type OCIRequestSigner, type OCISignableRequest } from './sign-oci-request.ts';
export { withOCISigning } from './with-oci-signing.ts';

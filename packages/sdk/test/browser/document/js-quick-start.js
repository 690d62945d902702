// The document's "JavaScript SDK Quick Start", verbatim: quick-start.test.ts bundles it as the
// page (the package name resolves to the SDK's sources) and runs it in Chromium against a real
// datafold-server; http://localhost:9001 is routed to that server by the test.
import {
  generateKeyPair,
  createStorage,
  deriveKey,
  KeyRotationManager,
  createServerIntegration,
  initializeSDK
} from '@datafold/js-sdk';

// Initialize and check compatibility
const { compatible, warnings } = await initializeSDK();
if (!compatible) {
  console.warn('Browser not fully compatible:', warnings);
}

// Generate Ed25519 key pair
const keyPair = await generateKeyPair();

// Create secure storage
const storage = await createStorage();

// Store key securely
await storage.storeKeyPair('my-key', keyPair, 'secure-passphrase', {
  name: 'My Application Key',
  description: 'Primary key for application operations'
});

// Derive specialized keys
const encryptionKey = await deriveKey(keyPair.privateKey, {
  algorithm: 'HKDF',
  info: 'DATA_ENCRYPTION'
});

// Set up key rotation
const rotationManager = new KeyRotationManager(storage);
const versionedKey = await rotationManager.createVersionedKeyPair(
  'my-key',
  keyPair,
  'secure-passphrase'
);

// Server integration
const integration = createServerIntegration({
  baseUrl: 'http://localhost:9001'
});

const workflow = await integration.registerAndVerifyWorkflow(
  keyPair,
  'Hello, DataFold!',
  { clientId: 'my_app_client', keyName: 'Application Key' }
);

console.log('Setup complete, signature verified:', workflow.verification.verified);

// Public entry of the in-memory Kubernetes API server for tests and demos.
export { startTestApiServer } from './server.js';
export type { Clock, NamespaceFilter, TestApiServer, TestApiServerOptions } from './types.js';
export type { TokenIdentity } from './auth.js';
export type { FaultInjector, FaultMatch, FaultResponse, FaultRule, FaultStatusResponse } from './faults.js';
export type { ApiKind, RecordedRequest } from './request-log.js';
export type { NamespaceFinalization } from './namespace-lifecycle.js';
export type { JsonObject, JsonPrimitive, JsonValue } from './json.js';

// metav1.Status responses: the StatusError thrown by handlers and the constructors of
// k8s.io/apimachinery/pkg/api/errors (NewNotFound, NewConflict, NewInvalid, ...) with their exact wording.
import { aggregateMessage, errorBody, type FieldError } from './field-errors.js';
import type { JsonObject } from './json.js';

/** A resource with its API group (`''` for core), as in schema.GroupResource. */
export interface GroupResource {
  readonly group: string;
  readonly resource: string;
}

/** One entry of `details.causes` of a Status. */
export interface StatusCause {
  readonly reason?: string;
  readonly message?: string;
  readonly field?: string;
}

/** `details` of a Status. */
export interface StatusDetails {
  readonly name?: string;
  readonly group?: string;
  readonly kind?: string;
  readonly uid?: string;
  readonly causes?: readonly StatusCause[];
  readonly retryAfterSeconds?: number;
}

/** `resource.group`, or just `resource` for the core group (schema.GroupResource.String()). */
export function groupResourceString(gr: GroupResource): string {
  return gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`;
}

function renderDetails(d: StatusDetails): JsonObject {
  const out: JsonObject = {};
  if (d.name) out['name'] = d.name;
  if (d.group) out['group'] = d.group;
  if (d.kind) out['kind'] = d.kind;
  if (d.uid) out['uid'] = d.uid;
  if (d.causes && d.causes.length > 0) {
    out['causes'] = d.causes.map((c) => {
      const co: JsonObject = {};
      if (c.reason) co['reason'] = c.reason;
      if (c.message) co['message'] = c.message;
      if (c.field) co['field'] = c.field;
      return co;
    });
  }
  if (d.retryAfterSeconds) out['retryAfterSeconds'] = d.retryAfterSeconds;
  return out;
}

/** An API error: carries the HTTP code and renders as a `kind: Status` body. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    /** Extra response headers (Retry-After). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'StatusError';
  }

  /** The Status object, field order as Go serialises metav1.Status. */
  toBody(): JsonObject {
    const body: JsonObject = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure' };
    if (this.message) body['message'] = this.message;
    if (this.reason) body['reason'] = this.reason;
    if (this.details) body['details'] = renderDetails(this.details);
    body['code'] = this.code;
    return body;
  }
}

/** The Status a successful DELETE of a non-namespace object answers with. */
export function successStatus(gr: GroupResource, name: string, uid: string): JsonObject {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: renderDetails({ name, group: gr.group, kind: gr.resource, uid }),
  };
}

export function notFound(gr: GroupResource, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${groupResourceString(gr)} "${name}" not found`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

export function alreadyExists(gr: GroupResource, name: string): StatusError {
  return new StatusError(409, 'AlreadyExists', `${groupResourceString(gr)} "${name}" already exists`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

export function conflict(gr: GroupResource, name: string, cause: string): StatusError {
  return new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${groupResourceString(gr)} "${name}": ${cause}`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

/** The optimistic-concurrency conflict (storage's "object has been modified"). */
export function conflictModified(gr: GroupResource, name: string): StatusError {
  return conflict(gr, name, 'the object has been modified; please apply your changes to the latest version and try again');
}

/** NewInvalid: 422 with one cause per field error; `kind` is the internal kind (Event, ConfigMap...). */
export function invalid(group: string, kind: string, name: string, errors: readonly FieldError[]): StatusError {
  const qualified = group === '' ? kind : `${kind}.${group}`;
  const message = errors.length === 0 ? `${qualified} "${name}" is invalid` : `${qualified} "${name}" is invalid: ${aggregateMessage(errors)}`;
  return new StatusError(422, 'Invalid', message, {
    name,
    group,
    kind,
    causes: errors.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field })),
  });
}

export function forbidden(gr: GroupResource, name: string, reason: string, causes?: readonly StatusCause[]): StatusError {
  const grs = groupResourceString(gr);
  let message: string;
  if (grs === '') message = `forbidden: ${reason}`;
  else if (name === '') message = `${grs} is forbidden: ${reason}`;
  else message = `${grs} "${name}" is forbidden: ${reason}`;
  return new StatusError(403, 'Forbidden', message, { name, group: gr.group, kind: gr.resource, ...(causes ? { causes } : {}) });
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

export function unauthorized(): StatusError {
  return new StatusError(401, 'Unauthorized', 'Unauthorized');
}

export function internalError(cause: string): StatusError {
  return new StatusError(500, 'InternalError', `Internal error occurred: ${cause}`, { causes: [{ message: cause }] });
}

export function methodNotSupported(gr: GroupResource, action: string): StatusError {
  return new StatusError(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${groupResourceString(gr)}"`, {
    group: gr.group,
    kind: gr.resource,
  });
}

export function unsupportedMediaType(accepted: readonly string[]): StatusError {
  return new StatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

export function expired(message: string): StatusError {
  return new StatusError(410, 'Expired', message);
}

export function tooManyRequests(message: string, retryAfterSeconds: number | undefined): StatusError {
  return new StatusError(
    429,
    'TooManyRequests',
    message,
    retryAfterSeconds ? { retryAfterSeconds } : undefined,
    retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {},
  );
}

/** The 404 a served group-version answers for a resource it does not have (go-restful's not-found). */
export function pathNotFound(): StatusError {
  return new StatusError(404, 'NotFound', 'the server could not find the requested resource', {});
}

/**
 * errors.NewGenericServerResponse(code, "", GroupResource{}, "", msg, 0, false): the generic message for a
 * code, which is what the real server answers in some failure paths (a failed JSON patch is a 422 of this kind).
 */
export function genericServerResponse(code: number, serverMessage: string): StatusError {
  let reason = 'Unknown';
  let message = `the server responded with the status code ${code} but did not return more information`;
  switch (code) {
    case 409:
      reason = 'Conflict';
      message = 'the server reported a conflict';
      break;
    case 404:
      reason = 'NotFound';
      message = 'the server could not find the requested resource';
      break;
    case 400:
      reason = 'BadRequest';
      message = 'the server rejected our request for an unknown reason';
      break;
    case 401:
      reason = 'Unauthorized';
      message = 'the server has asked for the client to provide credentials';
      break;
    case 403:
      reason = 'Forbidden';
      message = serverMessage;
      break;
    case 405:
      reason = 'MethodNotAllowed';
      message = 'the server does not allow this method on the requested resource';
      break;
    case 410:
      reason = 'Expired';
      message = serverMessage;
      break;
    case 415:
      reason = 'UnsupportedMediaType';
      message = serverMessage;
      break;
    case 422:
      reason = 'Invalid';
      message = 'the server rejected our request due to an error in our request';
      break;
    case 429:
      reason = 'TooManyRequests';
      message = 'the server has received too many requests and has asked us to try again later';
      break;
    case 503:
      reason = 'ServiceUnavailable';
      message = 'the server is currently unable to handle the request';
      break;
    case 504:
      reason = 'Timeout';
      message = 'the server was unable to return a response in the time allotted, but may still be processing the request';
      break;
    default:
      if (code >= 500) {
        reason = 'InternalError';
        message = `an error on the server (${JSON.stringify(serverMessage)}) has prevented the request from succeeding`;
      }
  }
  return new StatusError(code, reason, message, {});
}

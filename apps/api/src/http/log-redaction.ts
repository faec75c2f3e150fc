/** Credentials a request can carry in its query: the queue board's one-time `?access_token=`, and names no client should use but might. */
const SECRET_QUERY = /([?&](?:access_token|token|refresh_token|refreshToken|password)=)[^&#]*/gi;

/** The questionnaire link's token is the respondent's only credential, and it sits in the path. */
const SURVEY_TOKEN = /^(\/api\/public\/surveys\/)[^/?#]+/;

export const REDACTED = '[Redacted]';

/** A request URL as it may be written to the log. */
export function redactUrl(url: string): string {
  return url.replace(SURVEY_TOKEN, `$1${REDACTED}`).replace(SECRET_QUERY, `$1${REDACTED}`);
}

/**
 * pino paths never written: credentials in headers (requests and the queue board's cookie), in the
 * parsed query and params, and password or token fields of any object a log line carries.
 */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'req.query.access_token',
  'req.query.token',
  'req.query.password',
  'req.params.token',
  'req.body',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.refreshToken',
  '*.accessToken',
  '*.access_token',
];

interface SerializedRequest {
  url?: string;
}

/** pino-http's request serializer hook: the std-serialized request with its URL redacted. */
export function redactRequest<T extends SerializedRequest>(req: T): T {
  return typeof req.url === 'string' ? { ...req, url: redactUrl(req.url) } : req;
}

/** The redaction part of the pino-http options, shared by the API's logger module and its spec. */
export const requestLogRedaction = {
  redact: { paths: redactPaths, censor: REDACTED },
  serializers: { req: redactRequest },
};

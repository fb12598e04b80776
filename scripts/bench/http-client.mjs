// A keep-alive HTTP client with as little overhead as node:http allows, the same for the app and
// the floor, so the client's own cost is equal on both sides of every ratio.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(body);
    const req = http.request(url, { method, agent, headers: payload ? { ...headers, 'content-length': payload.length } : headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** A signed-in GraphQL client for the app: JSON POSTs with the session cookie. */
export class GraphQLClient {
  constructor(baseUrl) {
    this.url = `${baseUrl}/graphql`;
    this.cookie = null;
  }

  headers() {
    return { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) };
  }

  async send(query, variables = {}) {
    return this.post(this.headers(), JSON.stringify({ query, variables }));
  }

  /**
   * A file upload as the web client sends it (the GraphQL multipart request spec: operations, map,
   * then the file part), with the header Apollo's CSRF prevention wants on multipart requests.
   * `body` may be prepared once with multipartBody, so a timed request only sends it.
   */
  upload(query, variables, file, body = multipartBody(query, variables, file)) {
    const { cookie } = this.headers();
    return this.post({ 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'apollo-require-preflight': 'true', ...(cookie ? { cookie } : {}) }, body);
  }

  async post(headers, body) {
    const response = await request(this.url, { method: 'POST', headers, body });
    const setCookie = response.headers['set-cookie'];
    if (setCookie?.length) this.cookie = setCookie.map((cookie) => cookie.split(';')[0]).join('; ');
    const parsed = JSON.parse(response.body);
    if (response.status !== 200 || parsed.errors?.length) {
      throw new Error(`GraphQL request failed (${response.status}): ${JSON.stringify(parsed.errors ?? parsed)}`);
    }
    return parsed.data;
  }
}

const BOUNDARY = '----finance-bench-upload-boundary';

/** The multipart body of an upload of `file` ({ name, type, body }) as the variable `file`. */
export function multipartBody(query, variables, file) {
  const part = (headers, content) => [Buffer.from(`--${BOUNDARY}\r\n${headers}\r\n\r\n`), Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from('\r\n')];
  return Buffer.concat([
    ...part('Content-Disposition: form-data; name="operations"', JSON.stringify({ query, variables: { ...variables, file: null } })),
    ...part('Content-Disposition: form-data; name="map"', JSON.stringify({ 0: ['variables.file'] })),
    ...part(`Content-Disposition: form-data; name="0"; filename="${file.name}"\r\nContent-Type: ${file.type}`, file.body),
    Buffer.from(`--${BOUNDARY}--\r\n`),
  ]);
}

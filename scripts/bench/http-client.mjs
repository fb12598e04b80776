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
    const response = await request(this.url, { method: 'POST', headers: this.headers(), body: JSON.stringify({ query, variables }) });
    const setCookie = response.headers['set-cookie'];
    if (setCookie?.length) this.cookie = setCookie.map((cookie) => cookie.split(';')[0]).join('; ');
    const parsed = JSON.parse(response.body);
    if (response.status !== 200 || parsed.errors?.length) {
      throw new Error(`GraphQL request failed (${response.status}): ${JSON.stringify(parsed.errors ?? parsed)}`);
    }
    return parsed.data;
  }
}

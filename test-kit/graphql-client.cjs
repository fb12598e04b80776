// A user's view of the API over fetch, with a one-cookie jar as a browser keeps it: for tests that
// arrange and assert through HTTP. (The benchmark times with its own keep-alive client instead.)

class ApiClient {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.cookie = null;
  }

  async gql(query, variables = {}) {
    const response = await this.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    return { ...body, status: response.status };
  }

  /** Like gql, but throws when there are errors: for the arrange steps of a test. */
  async ok(query, variables = {}) {
    const result = await this.gql(query, variables);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** The GraphQL multipart request spec, as Apollo's upload link sends it. */
  async upload(query, variables, file, fileVariable = 'file') {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query, variables: { ...variables, [fileVariable]: null } }));
    form.append('map', JSON.stringify({ 0: [`variables.${fileVariable}`] }));
    form.append('0', new Blob([file.body], { type: file.type }), file.name);
    const response = await this.fetch('/graphql', {
      method: 'POST',
      headers: { 'apollo-require-preflight': 'true' },
      body: form,
    });
    const text = await response.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = { errors: [{ message: text }] };
    }
    return { ...body, status: response.status };
  }

  async fetch(pathname, init = {}) {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    const response = await fetch(`${this.baseUrl}${pathname}`, { ...init, headers, redirect: 'manual' });
    const setCookie = response.headers.getSetCookie();
    for (const line of setCookie) {
      const pair = line.split(';')[0];
      const cleared = /expires=Thu, 01 Jan 1970/i.test(line) || pair.endsWith('=');
      this.cookie = cleared ? null : pair;
    }
    return response;
  }
}

module.exports = { ApiClient };

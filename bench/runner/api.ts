/** A signed-in user of the service, over plain HTTP (Node's fetch), as a client application would call it. */
export class ApiUser {
  private constructor(
    readonly baseUrl: string,
    readonly email: string,
    readonly token: string,
  ) {}

  static async login(baseUrl: string, email: string, password: string): Promise<ApiUser> {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    if (res.status !== 200 && res.status !== 201) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { accessToken: string };
    return new ApiUser(baseUrl, email, body.accessToken);
  }

  get authorization(): string {
    return `Bearer ${this.token}`;
  }

  /** A JSON request; a status other than the expected one stops the benchmark with the body. */
  async call<T>(method: string, path: string, body?: unknown, expected: number[] = [200, 201, 202]): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: this.authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!expected.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Uploads a file as a form (multipart), the way the import page sends it. */
  async upload<T>(path: string, fields: Record<string, string>, file: { name: string; content: Buffer; type: string }): Promise<T> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([file.content], { type: file.type }), file.name);
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, { method: 'POST', headers: { authorization: this.authorization }, body: form });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  }
}

import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { accessCodeCheck } from '../../adapters/accessCode';
import { createHttpServer } from '../../adapters/httpServer';
import type { HttpServer } from '../../adapters/httpServer';
import { LogCapture } from '../storage/logCapture';

/**
 * The guard in front of the JSON APIs, on a real restify server: what a wallboard or a script sees
 * for a missing, wrong or right code, and for an API that is switched off.
 */
describe('access code guard', () => {
  const code = 'admin-code-0123456789';
  const guard = { disabledCode: 'ExampleApiDisabled', setting: 'EXAMPLE_ACCESS_CODE' };
  const servers: HttpServer[] = [];
  let logs: LogCapture;

  /** A server with one guarded route, `GET /guarded`, that answers `{ secret: 'inside' }` when let through. */
  async function guarded(accessCode: string | undefined): Promise<string> {
    logs = new LogCapture();
    const http = createHttpServer({ maxBodyBytes: 4096, logger: logs.logger });
    const authorised = accessCodeCheck(accessCode, guard, logs.logger);
    http.server.get('/guarded', async (req: restify.Request, res: restify.Response) => {
      if (!authorised(req, res)) return;
      res.send(200, { secret: 'inside' });
    });
    servers.push(http);
    await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(http.server.address() as AddressInfo).port}/guarded`;
  }

  async function call(url: string, authorization?: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(url, authorization === undefined ? {} : { headers: { Authorization: authorization } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((http) => new Promise<void>((resolve) => http.server.close(() => resolve()))));
  });

  it('lets a request with the right code through, whatever the case of "Bearer"', async () => {
    const url = await guarded(code);
    expect(await call(url, `Bearer ${code}`)).to.deep.equal({ status: 200, body: { secret: 'inside' } });
    expect((await call(url, `bearer ${code}`)).status).to.equal(200);
    expect((await call(url, `BEARER   ${code}`)).status).to.equal(200);
  });

  it('answers 401 with the setting to send when the code is missing or wrong, and logs the first refusal without the code', async () => {
    const url = await guarded(code);
    const wrongSameLength = `${code.slice(0, -1)}X`;
    for (const authorization of [undefined, '', 'Bearer', `Basic ${Buffer.from(`admin:${code}`).toString('base64')}`, code, wrongSameLength, `Bearer ${wrongSameLength}`, `Bearer ${code} extra`]) {
      const answer = await call(url, authorization);
      expect(answer.status, `Authorization: ${String(authorization)}`).to.equal(401);
      expect(answer.body).to.deep.equal({ code: 'Unauthorized', message: 'Send Authorization: Bearer <EXAMPLE_ACCESS_CODE>.' });
    }
    // A probe is one warning, not one per request (the others are counted into one line a minute; see logThrottle.test.ts).
    const refusals = logs.entries.filter((e) => String(e.msg).startsWith('API request refused'));
    expect(refusals).to.have.length(1);
    expect(refusals[0]).to.include({ level: 40, msg: 'API request refused: no valid access code', api: 'ExampleApiDisabled' });
    expect(logs.text()).to.not.contain(code.slice(0, -1));
  });

  it('refuses codes of another length with 401, not a server error (the constant-time compare needs equal lengths)', async () => {
    const url = await guarded(code);
    for (const given of [code.slice(0, 1), code.slice(0, -1), `${code}0`, `${code}${code}`]) {
      expect((await call(url, `Bearer ${given}`)).status, `a ${given.length}-character code`).to.equal(401);
    }
    // As many characters as the code, but more bytes: each "é" is two bytes in UTF-8.
    const sameCharsMoreBytes = 'é'.repeat(code.length);
    expect(sameCharsMoreBytes).to.have.length(code.length);
    expect((await call(url, `Bearer ${sameCharsMoreBytes}`)).status).to.equal(401);
  });

  it('is off (404, naming the setting that turns it on) when no code is configured, even for a request with a token', async () => {
    for (const configured of [undefined, '']) {
      const url = await guarded(configured);
      for (const authorization of [undefined, 'Bearer anything', 'Bearer ']) {
        const answer = await call(url, authorization);
        expect(answer.status).to.equal(404);
        expect(answer.body).to.deep.equal({ code: 'ExampleApiDisabled', message: 'This API is off. Set EXAMPLE_ACCESS_CODE to turn it on.' });
      }
    }
  });
});

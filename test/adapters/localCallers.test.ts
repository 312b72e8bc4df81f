import { expect } from 'chai';
import { localCallerProblem, localServiceUrlProblem } from '../../adapters/localCallers';

describe('local anonymous mode rules', () => {
  describe('localCallerProblem', () => {
    it('takes a loopback caller without proxy or browser headers', () => {
      for (const remoteAddress of ['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1']) {
        expect(localCallerProblem({ remoteAddress, headers: { 'content-type': 'application/json' } }), remoteAddress).to.equal(undefined);
      }
    });

    it('refuses a caller on another machine, or of unknown address', () => {
      for (const remoteAddress of ['203.0.113.9', '10.0.0.4', '::ffff:203.0.113.9', '2001:db8::1', undefined]) {
        expect(localCallerProblem({ remoteAddress, headers: {} })?.code, String(remoteAddress)).to.equal('LocalCallersOnly');
      }
    });

    it('refuses a loopback request that came through a proxy or from a browser page', () => {
      for (const header of ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'origin']) {
        const problem = localCallerProblem({ remoteAddress: '127.0.0.1', headers: { [header]: 'x' } });
        expect(problem, header).to.deep.include({ status: 403, code: 'LocalCallersOnly' });
      }
    });
  });

  describe('localServiceUrlProblem', () => {
    it('lets the bot reply to this machine', () => {
      for (const url of ['http://localhost:55123/', 'http://127.0.0.1:3978/directline-connector/', 'http://[::1]:4000/', 'https://127.8.0.1/']) {
        expect(localServiceUrlProblem(url), url).to.equal(undefined);
      }
    });

    it('refuses anywhere else, including names that only start like loopback', () => {
      for (const url of ['https://attacker.example/', 'http://127.0.0.1.attacker.example/', 'http://localhost.attacker.example/', 'http://203.0.113.9/', 'http://[2001:db8::1]/', 'http://0.0.0.0:3978/']) {
        expect(localServiceUrlProblem(url)?.code, url).to.equal('ServiceUrlNotAllowed');
      }
    });

    it('says an unreadable URL is not a serviceUrl', () => {
      expect(localServiceUrlProblem('http://')).to.deep.include({ status: 400, code: 'InvalidActivity' });
    });
  });
});

import { expect } from 'chai';
import { isLoopbackAddress } from '../../../adapters/directLine/isLoopbackAddress';

describe('isLoopbackAddress', () => {
  it('accepts the loopback addresses the bot on this machine can call from', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::FFFF:127.9.9.9']) {
      expect(isLoopbackAddress(address), address).to.equal(true);
    }
  });

  it('refuses every other address, and no address at all', () => {
    for (const address of ['10.0.0.1', '192.168.1.10', '128.0.0.1', '0.0.0.0', '::', '::2', 'fe80::1', '::ffff:10.0.0.1', '::ffff:192.168.0.1', 'localhost', '', undefined]) {
      expect(isLoopbackAddress(address), String(address)).to.equal(false);
    }
  });
});

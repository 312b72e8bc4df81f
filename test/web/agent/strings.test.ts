import { expect } from 'chai';
import { conversationStrings } from '../../../web/agent/src/conversation/conversationStrings';
import { inboxStrings } from '../../../web/agent/src/inbox/inboxStrings';
import { strings } from '../../../web/agent/src/strings';
import { supervisorStrings } from '../../../web/agent/src/supervisor/supervisorStrings';

/** Every key path of `value` with the kind of what is there (text, function of n arguments, table). */
function shape(value: unknown, at = ''): string[] {
  if (typeof value === 'function') return [`${at}: function/${value.length}`];
  if (typeof value === 'string') return [`${at}: text`];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => shape(inner, at ? `${at}.${key}` : key));
  return [`${at}: ${typeof value}`];
}

/** Every text of `value` (functions called with sample arguments). */
function texts(value: unknown): string[] {
  if (typeof value === 'function') return [String((value as (...args: unknown[]) => unknown)(...Array.from({ length: value.length }, (_, i) => (i === 0 ? 3 : 'x'))))];
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(texts);
  return [];
}

const areas = { shell: strings, inbox: inboxStrings, conversation: conversationStrings, supervisor: supervisorStrings } as const;

describe('agent workspace texts', () => {
  for (const [area, table] of Object.entries(areas)) {
    it(`${area}: English and Chinese have the same keys, nested tables included, with the same arguments`, () => {
      expect(shape(table['zh-CN'])).to.deep.equal(shape(table['en-US']));
    });

    it(`${area}: no text is empty, and the Chinese ones are in Chinese`, () => {
      const en = texts(table['en-US']);
      const zh = texts(table['zh-CN']);
      expect(en.filter((t) => t.trim() === '')).to.deep.equal([]);
      expect(zh.filter((t) => t.trim() === '')).to.deep.equal([]);
      // A text copied without translating shows up as Latin-only; numbers and names may be both.
      const untranslated = zh.filter((t, i) => t === en[i] && /[a-z]{4,}/i.test(t) && !/[\u4e00-\u9fff]/.test(t));
      expect(untranslated).to.deep.equal([]);
    });
  }
});

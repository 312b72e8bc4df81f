/**
 * Runs code that must throw a knowledge error and returns the error, so tests can assert on what an
 * admin would read (code, file, line, message).
 */
import { expect } from 'chai';
import { KnowledgeError, KnowledgeFormatError } from '../../knowledge/knowledgeErrors';

/** The {@link KnowledgeError} `run` throws; fails the test when it throws nothing or something else. */
export function knowledgeErrorOf(run: () => unknown): KnowledgeError {
  try {
    run();
  } catch (err) {
    expect(err).to.be.instanceOf(KnowledgeError);
    return err as KnowledgeError;
  }
  expect.fail('expected a KnowledgeError, nothing was thrown');
}

/** The {@link KnowledgeFormatError} `run` throws, checked to carry the WL_KB_FORMAT code. */
export function formatErrorOf(run: () => unknown): KnowledgeFormatError {
  const err = knowledgeErrorOf(run);
  expect(err).to.be.instanceOf(KnowledgeFormatError);
  expect(err.code).to.equal('WL_KB_FORMAT');
  return err as KnowledgeFormatError;
}

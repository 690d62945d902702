import { describe, expect, it } from 'vitest';
import { jsonAnswer, type TextAnswer } from './json-answer.js';

// The accessors carry the suites' envelope checks: each must refuse the envelope it is not for.
const answer = (status: number, body: unknown): TextAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  text: typeof body === 'string' ? body : JSON.stringify(body),
});

const failure = {
  success: false,
  error: { code: 'CLIENT_NOT_FOUND', message: 'no such client', details: { client_id: 'a' } },
};

describe('jsonAnswer', () => {
  it('hands out the data of a success envelope, and refuses it as an error', () => {
    const res = jsonAnswer<{ client_id: string }>(
      answer(200, { success: true, data: { client_id: 'a' } }),
    );
    expect(res.data()).toEqual({ client_id: 'a' });
    expect(res.body.success).toBe(true);
    expect(() => res.error()).toThrow(
      'expected a failure envelope {code, message, details}, got 200 {"success":true,',
    );
  });

  it('hands out the error of a failure envelope as sent, and refuses it as data', () => {
    const res = jsonAnswer(answer(404, { ...failure, error: { ...failure.error, extra: 1 } }));
    expect(res.error()).toEqual({ ...failure.error, extra: 1 });
    expect(() => res.data()).toThrow('expected a success envelope, got 404 {"success":false,');
  });

  it.each([
    ['success true without data', { success: true }],
    ['success as a string', { success: 'true', data: {} }],
    ['an array', [{ success: true, data: {} }]],
    ['null', null],
  ])('refuses %s as a success envelope', (_what, body) => {
    expect(() => jsonAnswer(answer(200, body)).data()).toThrow('expected a success envelope');
  });

  it.each([
    ['no details', { success: false, error: { code: 'X', message: 'm' } }],
    ['details null', { success: false, error: { code: 'X', message: 'm', details: null } }],
    ['a numeric code', { success: false, error: { code: 4, message: 'm', details: {} } }],
    ['no message', { success: false, error: { code: 'X', details: {} } }],
    ['success true', { success: true, error: failure.error }],
  ])('refuses an error with %s as a failure envelope', (_what, body) => {
    expect(() => jsonAnswer(answer(400, body)).error()).toThrow('expected a failure envelope');
  });

  it('fails at once, showing the status and the text, when the body is not JSON', () => {
    expect(() => jsonAnswer(answer(503, '<!doctype html>not built'))).toThrow(
      'expected a JSON body, got 503 <!doctype html>not built',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { passwordProblem } from '@/lib/auth/password-policy';

describe('password strength check', () => {
  it.each([
    ['short1!', /at least 12/],
    ['x'.repeat(257), /at most 256/],
    ['aaaaaaaaaaaaaaaa', /too few different/],
    ['abababababab', /too few different/],
    ['123456789012', /only digits/],
    ['qwertyuiop', /at least 12/],
    ['qwertyuiopas', /easy to guess/],
    ['abcd1234efgh', /easy to guess/],
    ['zyxw9876!!qq', /easy to guess/],
    ['839201746582', /only digits/],
    ['Password123456!', /easy to guess/],
    ['P@ssw0rd!2024', /easy to guess/],
    ['causeway2024!!', /easy to guess/],
    ['Welcome2Summer!', /easy to guess/],
  ])('refuses %j', (password, reason) => {
    expect(passwordProblem(password)).toMatch(reason);
  });

  it('refuses a password that contains the person’s email name or name', () => {
    expect(passwordProblem('alice.smith-rocks-99', { email: 'Alice.Smith@example.com' })).toMatch(/email/);
    expect(passwordProblem('my name is Bartholomew!', { name: 'Bartholomew' })).toMatch(/name/);
    // too short to matter
    expect(passwordProblem('bo-and-some-more-words', { name: 'Bo' })).toBeNull();
  });

  it.each(['correct horse battery staple', 'tangerine-Vortex-41-oak', '雨の日の午後に猫が眠る夜', 'Zq7!mK2#pL9v'])('accepts %j', (password) => {
    expect(passwordProblem(password, { email: 'someone@example.com', name: 'Someone' })).toBeNull();
  });
});

// 统一社会信用代码 check characters (GB 32100-2015) with real published codes.
import { checkCreditCode, expectedCheckCharacter } from '../../domain/credit-code';

describe('checkCreditCode', () => {
  it.each([
    ['914403001922038216', 'Huawei Technologies Co., Ltd.'],
    ['9144030071526726XG', 'Shenzhen Tencent Computer Systems Co., Ltd.'],
    ['91330100799655058B', 'Alibaba (China) Co., Ltd.'],
    ['91110108551385082Q', 'Beijing Xiaomi Technology Co., Ltd.'],
    ['91350100M000100Y43', 'the example in GB 32100-2015'],
  ])('accepts %s (%s)', (code) => {
    expect(checkCreditCode(code)).toEqual({ valid: true, code });
  });

  it('names the expected character when the check character is wrong', () => {
    const r = checkCreditCode('914403001922038217');
    expect(r.valid).toBe(false);
    expect(r.valid === false && r.problem).toBe("check character is '7' but GB 32100-2015 requires '6'");
  });

  it('refuses every single-character change of a valid code (the check detects it)', () => {
    const code = '91330100799655058B';
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    let refused = 0;
    for (let i = 0; i < 17; i++) {
      for (const ch of alphabet) {
        if (ch === code[i]) continue;
        const changed = code.slice(0, i) + ch + code.slice(i + 1);
        if (!checkCreditCode(changed).valid) refused++;
      }
    }
    expect(refused).toBe(17 * 30);
  });

  it.each([
    ['9133010079965505', 'must be 18 characters, got 16'],
    ['91330100799655058I', "character 18 ('I') is not allowed"],
    ['9133A100799655058B', 'characters 3-8 must be the 6-digit administrative division code'],
  ])('refuses %s: %s', (code, problem) => {
    const r = checkCreditCode(code);
    expect(r.valid).toBe(false);
    expect(r.valid === false && r.problem).toContain(problem);
  });

  it('normalises case and surrounding spaces', () => {
    expect(checkCreditCode(' 9144030071526726xg ')).toEqual({ valid: true, code: '9144030071526726XG' });
  });

  it('maps a weighted sum divisible by 31 to the check character 0, not to 31', () => {
    // For 91220400MA0Y8K2LQ the weighted sum is a multiple of 31: 31 - 0 = 31 wraps to '0'.
    expect(expectedCheckCharacter('91220400MA0Y8K2LQ')).toBe('0');
    expect(checkCreditCode('91220400MA0Y8K2LQ0').valid).toBe(true);
    expect(expectedCheckCharacter('SHORT')).toBeNull();
  });
});

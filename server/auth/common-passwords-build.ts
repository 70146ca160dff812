// Writes server/auth/common-passwords.txt: `npx tsx server/auth/common-passwords-build.ts`.
//
// The list is GENERATED from well-known patterns, not taken from a leaked-password corpus (this machine has no
// network, and a corpus of real people's passwords is not ours to ship). It covers what people choose when a
// system asks for 8 characters of 3 kinds: a common word or keyboard walk, a capital, digits, a symbol. Compared
// lower-cased, so one entry stands for every capitalisation (Aa123456 is aa123456).
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const WORDS = [
  'password', 'passw0rd', 'p@ssword', 'p@ssw0rd', 'p@$$w0rd', 'pa$$word', 'pass', 'admin', 'adm1n', 'administrator',
  'root', 'system', 'manager', 'super', 'superman', 'user', 'guest', 'test', 'welcome', 'letmein', 'login', 'hello',
  'iloveyou', 'love', 'lover', 'woaini', 'aini', 'wohenaini', 'woainima', 'qwerty', 'abc', 'abcd', 'abcde', 'abcdef',
  'monkey', 'dragon', 'master', 'sunshine', 'princess', 'football', 'baseball', 'shadow', 'michael', 'jessica',
  'china', 'zhongguo', 'beijing', 'shanghai', 'yunnan', 'kunming', 'zhaotong', 'baidu', 'taobao', 'weixin', 'wechat',
  'qq', 'aa', 'qaz', 'asd', 'zxc', 'qwe', 'asdf', 'zxcv', 'xiaoming', 'xiaohong', 'xiaoyu', 'tianshi', 'wangzi',
  'gongzhu', 'baobei', 'laogong', 'laopo', 'haha', 'hehe', 'hao', 'nihao', 'shuai', 'mima', 'woshishui', 'computer',
  'internet', 'server', 'atlas', 'unity', 'secret', 'default', 'changeme', 'trustno1', 'whatever', 'freedom',
]

const KEYBOARD_WALKS = [
  'qwerty', 'qwertyu', 'qwertyui', 'qwertyuiop', 'asdfgh', 'asdfghjk', 'asdfghjkl', 'zxcvbn', 'zxcvbnm', 'qazwsx',
  'qazwsxedc', 'qweasd', 'qweasdzxc', '1qaz2wsx', '1qaz2wsx3edc', '1qazxsw2', '2wsx3edc', '1q2w3e', '1q2w3e4r',
  '1q2w3e4r5t', '1q2w3e4r5t6y', 'q1w2e3r4', 'q1w2e3r4t5', 'zaq12wsx', 'zaq1xsw2', '!qaz2wsx', '1qaz@wsx', '!qaz@wsx',
  '1qaz!qaz', 'qwe123', 'qwe123!@#', 'asd123', 'zxc123', 'qwer1234', 'asdf1234', 'zxcv1234', 'qwerasdf', '147258369',
  '741852963', '159357', '159753', '147258', '258369', '123qwe', '123asd', '123zxc', '1234qwer', '!@#$%^', '!@#$%^&*',
  '1!2@3#4$', 'abc!@#', 'qwe!@#', 'poiuytrewq', 'mnbvcxz', 'lkjhgfdsa',
]

const DIGIT_RUNS = [
  '123', '1234', '12345', '123456', '1234567', '12345678', '123456789', '1234567890', '0123456789', '654321',
  '87654321', '987654321', '123123', '123321', '112233', '111222', '5201314', '1314520', '520520', '1314', '520',
  '521', '888888', '666666', '168168', '8888', '6666', '000000', '007', '111', '888', '666', '000', '11', '12', '1',
]

const SUFFIXES = ['', '!', '@', '.', '1', '12', '123', '1234', '12345', '123456', '12345678', '123456789', '1!',
  '123!', '123.', '@1', '@123', '@1234', '#123', '!@#', '123!@#', '520', '1314', '5201314', '666', '888', '2024',
  '2025', '@2025', '@123456']

// The ten most frequent surnames and given-name syllables: a full name with a birth year is the classic choice.
const SURNAMES = ['zhang', 'wang', 'li', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou']
const GIVEN_NAMES = ['wei', 'fang', 'na', 'min', 'jing', 'li', 'qiang', 'lei', 'jun', 'yong']
const NAME_SUFFIXES = ['123', '1234', '123456', '520', '1314', '888', '666', '@123', '123!', '!']

/** Every generated common password, lower-cased, unique, sorted. */
export function generatedCommonPasswords(): string[] {
  const out = new Set<string>()
  const add = (p: string) => out.add(p.toLowerCase())
  for (const word of [...WORDS, ...KEYBOARD_WALKS]) {
    for (const suffix of SUFFIXES) add(word + suffix)
    for (const run of ['123', '123456', '520', '1314']) add(run + word)
  }
  for (const run of DIGIT_RUNS) {
    for (const prefix of ['a', 'aa', 'aaa', 'ab', 'abc', 'abcd', 'qq', 'zz', 'wo', 'q', 'z', 'x']) {
      add(prefix + run)
      add(run + prefix)
      add(`${prefix}@${run}`)
    }
    for (const suffix of SUFFIXES) add(run + suffix)
  }
  for (let digit = 0; digit <= 9; digit++) for (let length = 6; length <= 10; length++) add(String(digit).repeat(length))
  for (let year = 1950; year <= 2030; year++) {
    add(String(year))
    for (const word of ['a', 'aa', 'abc', 'qq', 'woaini', 'iloveyou', 'admin', 'password']) {
      add(word + year)
      add(`${word}@${year}`)
    }
  }
  for (const surname of SURNAMES) {
    for (const given of GIVEN_NAMES) {
      const name = surname + given
      add(name)
      for (const suffix of NAME_SUFFIXES) add(name + suffix)
      for (let year = 1980; year <= 2005; year++) add(name + year)
    }
  }
  return [...out].sort()
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = fileURLToPath(new URL('./common-passwords.txt', import.meta.url))
  const list = generatedCommonPasswords()
  writeFileSync(target, list.join('\n') + '\n')
  console.log(`Wrote ${list.length} common passwords to ${target}`)
}

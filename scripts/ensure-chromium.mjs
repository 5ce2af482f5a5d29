// npm test runs browser tests in Debian's Chromium, with a CJK font so that zh-CN labels draw (and the
// screenshots compare). Install what is missing when we can (root), else say how.
import { execFileSync } from 'node:child_process';

const run = (cmd) => {
  try {
    return execFileSync('sh', ['-c', cmd], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};
const missing = () => [
  ...(run('command -v chromium') ? [] : ['chromium']),
  ...(run('fc-list :lang=zh family') ? [] : ['fonts-noto-cjk']),
];

let packages = missing();
if (packages.length && process.getuid?.() === 0) {
  console.error(`Installing Debian packages for the browser tests: ${packages.join(' ')} ...`);
  execFileSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')}`], {
    stdio: 'inherit',
  });
  packages = missing();
}
if (packages.length) {
  console.error(`Browser tests need ${packages.join(' and ')}: run \`sudo apt-get install -y ${packages.join(' ')}\`, then \`npm test\` again.`);
  process.exit(1);
}

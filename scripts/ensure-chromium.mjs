// npm test runs browser tests in Debian's Chromium. Install it when we can (root), else say how.
import { execFileSync } from 'node:child_process';

const has = () => {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
};

if (!has()) {
  if (process.getuid?.() === 0) {
    console.error('Chromium is missing: installing Debian\'s chromium package (apt-get install -y chromium) ...');
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], {
      stdio: 'inherit',
    });
  }
  if (!has()) {
    console.error('Browser tests need Chromium: run `sudo apt-get install -y chromium`, then `npm test` again.');
    process.exit(1);
  }
}

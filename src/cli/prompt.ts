/** Reading from the person at the terminal, or from a pipe. */
import readline from 'node:readline';

/** Everything on standard input (a pipe or a redirected file). */
export async function readStdin(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The lines of standard input without their line ends, like `docker login --password-stdin`. */
export async function stdinLines(stdin: NodeJS.ReadStream): Promise<string[]> {
  return (await readStdin(stdin)).split(/\r?\n/).filter((line, i, all) => line !== '' || i < all.length - 1);
}

export async function confirmOnTerminal(stdin: NodeJS.ReadStream, question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: stdin, output: process.stderr });
  const answer = await new Promise<string>((resolve) => rl.question(`${question} [y/N] `, resolve));
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

/** Asks for a secret on the terminal without echoing it. */
export function readHidden(stdin: NodeJS.ReadStream, prompt: string): Promise<string> {
  // Echo off before the prompt shows, so an answer typed at once is not echoed either.
  stdin.setRawMode(true);
  process.stderr.write(prompt);
  let value = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.off('data', onData);
          stdin.pause();
          process.stderr.write('\n');
          return resolve(value);
        }
        if (char === '\u0003') {
          stdin.setRawMode(false);
          return reject(new Error('cancelled'));
        }
        value = char === '\u007f' ? value.slice(0, -1) : value + char;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

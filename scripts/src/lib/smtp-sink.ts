/**
 * A minimal SMTP server on loopback for the tests and the mail benchmark (enough for nodemailer without
 * TLS): records each message's DATA (or only counts them, `keep: false`). `port` lets a test start it where
 * the CMS already points, to play a server coming back.
 */
import net from 'node:net';

export interface TestSmtp {
  port: number;
  /** Each message as received (headers and body, quoted-printable as sent); empty with `keep: false`. */
  messages: string[];
  /** How many messages were received. */
  count(): number;
  /** Stops listening and drops every open connection. */
  close(): Promise<void>;
}

export function startSmtp(port = 0, { keep = true } = {}): Promise<TestSmtp> {
  const messages: string[] = [];
  let received = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    let buffer = '';
    let inData = false;
    let data = '';
    socket.write('220 localhost ESMTP test\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let at: number;
      while ((at = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received++;
            if (keep) messages.push(data);
            data = '';
            socket.write('250 OK queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-localhost\r\n250 8BITMIME\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => {});
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        messages,
        count: () => received,
        // As a server going down: the connections a pooled client keeps open are dropped too.
        close: () =>
          new Promise((r) => {
            server.close(() => r());
            for (const socket of open) socket.destroy();
          }),
      }),
    ),
  );
}


/** A header's MIME encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`, RFC 2047) as text, folded lines joined. */
function decodeWords(headers: string): string {
  const unfolded = headers.replace(/\?=\n?[ \t]+=\?/g, '?==?').replace(/\n[ \t]+/g, ' ');
  return unfolded.replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
}

/** A message's text as a person reads it: headers' encoded words decoded, quoted-printable soft breaks joined and =XX bytes decoded. */
export function readable(message: string): string {
  const end = message.indexOf('\n\n');
  const [head, body] = end < 0 ? [message, ''] : [message.slice(0, end), message.slice(end)];
  const joined = body.replace(/=\n/g, '');
  return decodeWords(head) + Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
}

// The demo's mail catcher: accepts every message on SMTP (port MAIL_CATCHER_SMTP_PORT, default 1025)
// and lists them on a small web page (MAIL_CATCHER_HTTP_PORT, default 1080). Messages stay in memory.
import http from 'node:http';
import { SMTPServer } from 'smtp-server';

const smtpPort = Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 1025);
const httpPort = Number(process.env.MAIL_CATCHER_HTTP_PORT ?? 1080);
const messages = [];

const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const header = (raw, name) => {
  const match = new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw);
  return match ? match[1].replace(/\r?\n[ \t]+/g, ' ') : '';
};
const decodeWord = (value) =>
  value.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, enc, text) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
  );

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      messages.unshift({
        at: new Date(),
        from: session.envelope.mailFrom?.address ?? '',
        to: session.envelope.rcptTo.map((r) => r.address).join(', '),
        subject: decodeWord(header(raw, 'Subject')),
        messageId: header(raw, 'Message-ID'),
        raw,
      });
      if (messages.length > 5000) messages.pop();
      callback();
    });
  },
});
smtp.listen(smtpPort, '127.0.0.1');

http
  .createServer((req, res) => {
    const match = /^\/messages\/(\d+)$/.exec(req.url ?? '');
    res.setHeader('Content-Type', match ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8');
    if (match) return res.end(messages[Number(match[1])]?.raw ?? 'not found');
    const rows = messages
      .map(
        (m, i) =>
          `<tr><td>${m.at.toISOString()}</td><td>${escapeHtml(m.to)}</td><td><a href="/messages/${i}">${escapeHtml(m.subject)}</a></td></tr>`,
      )
      .join('');
    res.end(
      `<!doctype html><meta charset="utf-8"><title>演示邮件</title><h1>演示邮件（${messages.length} 封）</h1>` +
        `<table border="1" cellpadding="4"><tr><th>时间</th><th>收件人</th><th>主题</th></tr>${rows}</table>`,
    );
  })
  .listen(httpPort, '127.0.0.1');

console.log(`mail catcher: SMTP 127.0.0.1:${smtpPort}, web http://localhost:${httpPort}`);

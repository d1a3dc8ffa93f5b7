// A private Postfix instance for the side-by-side figures: its own config, queue and data
// directories under a temporary folder, smtpd on a loopback port with the same policy as the
// edgeshell receive connector (STARTTLS required, a client certificate from the lab CA required),
// the queue on disk, and a discard transport. Only what Postfix needs to move mail is in master.cf:
// smtpd is its one listener.
import { execFileSync, spawnSync } from 'node:child_process';
export { treeCpuMs } from './proc.mjs';
import * as fs from 'node:fs';
import * as path from 'node:path';

export function postfixAvailable() {
  return spawnSync('postconf', ['mail_version'], { encoding: 'utf8' }).status === 0 && fs.existsSync('/usr/sbin/postfix');
}

export function postfixVersion() {
  return spawnSync('postconf', ['-h', 'mail_version'], { encoding: 'utf8' }).stdout.trim();
}

export function startPostfix({ dir, port, caPem, certChainPem, keyPem }) {
  const etc = path.join(dir, 'etc');
  const queue = path.join(dir, 'queue');
  const data = path.join(dir, 'data');
  for (const d of [etc, queue, data]) fs.mkdirSync(d, { recursive: true });
  // the postfix user must reach its directories
  fs.chmodSync(path.dirname(dir), 0o755);
  fs.chmodSync(dir, 0o755);
  const uid = Number(spawnSync('id', ['-u', 'postfix'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postfix'], { encoding: 'utf8' }).stdout.trim());
  if (Number.isFinite(uid) && Number.isFinite(gid)) fs.chownSync(data, uid, gid);
  fs.writeFileSync(path.join(etc, 'ca.pem'), caPem);
  fs.writeFileSync(path.join(etc, 'cert.pem'), certChainPem);
  fs.writeFileSync(path.join(etc, 'key.pem'), keyPem, { mode: 0o600 });
  const daemonDir = spawnSync('postconf', ['-dh', 'daemon_directory'], { encoding: 'utf8' }).stdout.trim();
  const metaDir = spawnSync('postconf', ['-dh', 'meta_directory'], { encoding: 'utf8' }).stdout.trim();
  const shlibDir = spawnSync('postconf', ['-dh', 'shlib_directory'], { encoding: 'utf8' }).stdout.trim();
  fs.writeFileSync(
    path.join(etc, 'main.cf'),
    `compatibility_level = 3.6
config_directory = ${etc}
queue_directory = ${queue}
data_directory = ${data}
daemon_directory = ${daemonDir}
meta_directory = ${metaDir}
shlib_directory = ${shlibDir}
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.woodgrovebank.com
mydomain = woodgrovebank.com
myorigin = $mydomain
mydestination =
relay_domains = woodgrovebank.com
mynetworks = 127.0.0.1/32
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
smtpd_relay_restrictions = reject_unauth_destination
smtpd_recipient_restrictions =
smtpd_tls_security_level = encrypt
smtpd_tls_ask_ccert = yes
smtpd_tls_req_ccert = yes
smtpd_tls_CAfile = ${etc}/ca.pem
smtpd_tls_cert_file = ${etc}/cert.pem
smtpd_tls_key_file = ${etc}/key.pem
smtpd_tls_loglevel = 0
smtpd_tls_received_header = yes
smtpd_tls_session_cache_database = btree:${data}/smtpd_scache
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
default_process_limit = 100
default_transport = discard:benchmark
relay_transport = discard:benchmark
local_transport = discard:benchmark
biff = no
maillog_file_prefixes = ${dir}
maillog_file = ${dir}/maillog
`,
  );
  fs.writeFileSync(
    path.join(etc, 'master.cf'),
    `# service type private unpriv chroot wakeup maxproc command
127.0.0.1:${port} inet n - n - - smtpd
# internal services the queue needs (no other listener)
pickup    unix n - n 60 1 pickup
cleanup   unix n - n - 0 cleanup
qmgr      unix n - n 300 1 qmgr
tlsmgr    unix - - n 1000? 1 tlsmgr
rewrite   unix - - n - - trivial-rewrite
bounce    unix - - n - 0 bounce
defer     unix - - n - 0 bounce
trace     unix - - n - 0 bounce
verify    unix - - n - 1 verify
flush     unix n - n 1000? 0 flush
proxymap  unix - - n - - proxymap
anvil     unix - - n - 1 anvil
scache    unix - - n - 1 scache
discard   unix - - n - - discard
postlog   unix-dgram n - n - 1 postlogd
`,
  );
  const pf = (...args) => execFileSync('postfix', ['-c', etc, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  pf('check');
  pf('start');
  const pidFile = path.join(queue, 'pid', 'master.pid');
  const end = Date.now() + 10_000;
  while (!fs.existsSync(pidFile) && Date.now() < end) execFileSync('sleep', ['0.1']);
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  return {
    pid,
    etc,
    queue,
    log: path.join(dir, 'maillog'),
    /** Messages still in the queue (incoming, active, deferred, maildrop). */
    queued() {
      let n = 0;
      for (const d of ['maildrop', 'incoming', 'active', 'deferred', 'hold']) {
        try {
          n += (fs.readdirSync(path.join(queue, d), { recursive: true, withFileTypes: true }) ?? []).filter((e) => e.isFile()).length;
        } catch {
          /* not there */
        }
      }
      return n;
    },
    stop() {
      try {
        pf('stop');
      } catch {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          /* gone */
        }
      }
    },
  };
}


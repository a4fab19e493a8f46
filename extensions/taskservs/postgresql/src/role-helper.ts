/** Where the role helper is installed on the host (root only). */
export const ROLE_HELPER_PATH = '/usr/local/sbin/provisioning-postgresql-role';

/**
 * Checks or sets one role's attributes and password. The password comes from the environment and
 * never reaches a command line or PostgreSQL itself: `apply` sends a SCRAM-SHA-256 verifier
 * computed here (as psql's \password does), and `check` derives one from the stored salt and
 * iteration count and compares it with the stored verifier. Perl, because postgresql-common
 * depends on it (Digest::SHA, MIME::Base64 ship with it).
 */
export const ROLE_HELPER = String.raw`#!/usr/bin/perl
# Managed by provisioning (taskserv postgresql); changes here are overwritten on the next apply.
# usage: provisioning-postgresql-role check|apply ROLE LOGIN SUPERUSER CREATEDB CREATEROLE REPLICATION CONNLIMIT
#        provisioning-postgresql-role verifier SALT_BASE64 ITERATIONS
# Flags are t or f. The password is read from $PGROLE_PASSWORD; unset means the role has no password.
# check exits 0 when the role exists exactly as described, 1 when it does not.
use strict;
use warnings;
use Digest::SHA qw(hmac_sha256 sha256);
use MIME::Base64 qw(encode_base64 decode_base64);

my $password = $ENV{PGROLE_PASSWORD};

sub b64 { return encode_base64($_[0], ''); }

# RFC 5802 SaltedPassword (PBKDF2-HMAC-SHA-256, one block), then StoredKey and ServerKey.
sub verifier {
  my ($secret, $salt, $iterations) = @_;
  my $u = hmac_sha256($salt . "\0\0\0\1", $secret);
  my $salted = $u;
  for (2 .. $iterations) { $u = hmac_sha256($u, $secret); $salted ^= $u; }
  my $stored = sha256(hmac_sha256('Client Key', $salted));
  my $server = hmac_sha256('Server Key', $salted);
  return 'SCRAM-SHA-256$' . $iterations . ':' . b64($salt) . '$' . b64($stored) . ':' . b64($server);
}

my ($mode, @args) = @ARGV;
$mode //= '';
if ($mode eq 'verifier') {
  die "verifier needs SALT_BASE64 ITERATIONS and \$PGROLE_PASSWORD\n" unless @args == 2 && defined $password;
  print verifier($password, decode_base64($args[0]), $args[1]), "\n";
  exit 0;
}
my ($role, @flags) = @args;
die "usage: $0 check|apply ROLE LOGIN SUPERUSER CREATEDB CREATEROLE REPLICATION CONNLIMIT\n"
  unless ($mode eq 'check' || $mode eq 'apply') && defined $role && $role =~ /^[a-z_][a-z0-9_]{0,62}$/
  && @flags == 6 && join('', @flags[0 .. 4]) =~ /^[tf]{5}$/ && $flags[5] =~ /^-?[0-9]+$/;
chdir '/';

my @psql = ('runuser', '-u', 'postgres', '--', 'psql', '-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1', '-d', 'postgres');
open(my $query, '-|', @psql, '-c',
  "SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolconnlimit, coalesce(rolpassword, '') FROM pg_authid WHERE rolname = '$role'")
  or die "cannot run psql: $!\n";
my $row = do { local $/; <$query> } // '';
close $query or die "psql could not read role $role (exit " . ($? >> 8) . ")\n";
chomp $row;

sub matches {
  return 0 if $row eq '';
  my @have = split /\|/, $row, 7;
  for my $i (0 .. 5) { return 0 unless $have[$i] eq $flags[$i]; }
  return $have[6] eq '' unless defined $password;
  return 0 unless $have[6] =~ /^SCRAM-SHA-256\$([0-9]+):([^\$]+)\$/;
  return verifier($password, decode_base64($2), $1) eq $have[6];
}

if ($mode eq 'check') { exit(matches() ? 0 : 1); }

my @names = ('LOGIN', 'SUPERUSER', 'CREATEDB', 'CREATEROLE', 'REPLICATION');
my @attributes = map { ($flags[$_] eq 't' ? '' : 'NO') . $names[$_] } 0 .. 4;
my $secret = 'PASSWORD NULL';
if (defined $password) {
  open(my $random, '<:raw', '/dev/urandom') or die "cannot read /dev/urandom: $!\n";
  read($random, my $salt, 16) == 16 or die "short read from /dev/urandom\n";
  close $random;
  $secret = "PASSWORD '" . verifier($password, $salt, 4096) . "'";
}
my $verb = $row eq '' ? 'CREATE' : 'ALTER';
# On stdin, not the command line; the verifier is a hash, and statement logging is off for it.
open(my $sql, '|-', @psql) or die "cannot run psql: $!\n";
print $sql "SET log_statement = 'none';\nSET log_min_error_statement = 'panic';\n";
print $sql "$verb ROLE \"$role\" WITH @attributes CONNECTION LIMIT $flags[5] $secret;\n";
close $sql or die "psql could not $verb role $role (exit " . ($? >> 8) . ")\n";
`;

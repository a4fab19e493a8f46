// Entry point `up` starts detached: node -r @swc-node/register main.ts <dir> <address> <port>
import { createArtifactServer } from './serve';

const [dir, address, port] = process.argv.slice(2);
if (!dir || !address || !port) {
  console.error('usage: artifact-server <dir> <address> <port>');
  process.exit(2);
}
const server = createArtifactServer(dir);
server.listen(Number(port), address, () =>
  console.log(`artifact server: serving ${dir} at http://${address}:${port}/`),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));

/** The signaling server's per-connection frame limit uses the app's shared bucket. */
export { TokenBucket } from '../../src/lib/util/token-bucket';

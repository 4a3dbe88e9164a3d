// The SPDY header compression dictionaries (a table from the SPDY specs), as spdy-transport ships them.
declare module 'spdy-transport/lib/spdy-transport/protocol/spdy/dictionary' {
  const dictionaries: Record<number, Buffer>;
  export default dictionaries;
}

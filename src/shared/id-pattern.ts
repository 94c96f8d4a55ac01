/**
 * The shape of room and peer ids, on its own so that what loads no validator library (the
 * embed script) can check a room id the same way every wire does.
 */
export const ROOM_OR_PEER_ID = /^[A-Za-z0-9_-]{1,64}$/;

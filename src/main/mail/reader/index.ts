// The reader: a message's bytes turned into what the reader shows (the PEC analysis, the parsed
// content, the signed documents, the MessageView), cached per message, and its remote images once
// allowed. The API resolves a ref to bytes and calls these.

export { ContentCache, loadBytes, readStoredMessage, realSender, refCacheKey, type LoadedMessage } from './loaded-message';
export { buildMessageView, originalAttachments, resolvePart } from './message-view';
export { fetchRemoteImages } from './remote-images';

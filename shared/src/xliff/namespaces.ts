/** Namespaces the reader and writer recognise. */
export const XLIFF_NS = {
  '1.1': 'urn:oasis:names:tc:xliff:document:1.1',
  '1.2': 'urn:oasis:names:tc:xliff:document:1.2',
  /** 2.0 and 2.1 share this namespace; `version` tells them apart. */
  '2.0': 'urn:oasis:names:tc:xliff:document:2.0',
  '2.2': 'urn:oasis:names:tc:xliff:document:2.2',
} as const;

/**
 * Lockstep's extension namespace (2.x only: the strict 1.2 schema validates foreign attributes
 * strictly, so 1.2 exports use standard attributes). Its attributes are a bonus — CAT tools
 * may drop them — never the only place an id lives.
 */
export const LOCKSTEP_NS = 'urn:lockstep:xliff';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

package vn.kyso.signing.transaction.service;

/** A document to show the subscriber or hand back to its requester. */
public record ShownDocument(String fileName, String contentType, byte[] content) {
}

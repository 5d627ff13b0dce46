package vn.kyso.ca.crypto;

/**
 * One attribute of a distinguished name.
 *
 * @param type a short name BouncyCastle's X.500 style knows: C, ST, L, O, OU, CN, UID, SERIALNUMBER, E
 */
public record NameAttribute(String type, String value) {
}

package vn.kyso.ca.model;

/** The keys of the CA hierarchy. */
public enum CaRole {
    ROOT,
    ISSUING,
    TSA
}

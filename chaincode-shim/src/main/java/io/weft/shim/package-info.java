/** Weft's chaincode shim: the API a Java chaincode is written against. */
package io.weft.shim;

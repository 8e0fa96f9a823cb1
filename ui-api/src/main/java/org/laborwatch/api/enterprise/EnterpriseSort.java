package org.laborwatch.api.enterprise;

/** How a search is ordered: highest score first, or by name (Unicode order). */
public enum EnterpriseSort {
    score,
    name
}

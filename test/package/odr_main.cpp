// Two translation units instantiate the same templates; they must link and agree.
#include "odr.hpp"

int main() {
    odr::parameters theta;
    theta[odr::w] = 0.7;
    theta[odr::b] = -0.2;
    odr::parameters ga, gb;
    const double va = odr::gradient_a(theta, ga);
    const double vb = odr::gradient_b(theta, gb);
    // The operators' linkage: external with clang, or where TYPEGRAD_OPERATOR_LINKAGE is defined empty
    // (package.odr_external_linkage), internal with g++ otherwise.
#if defined(__clang__) || defined(TYPEGRAD_TEST_EXTERNAL_LINKAGE)
    const bool operators_as_documented = odr::times_in_a() == odr::times_in_b();
#else
    const bool operators_as_documented = odr::times_in_a() != odr::times_in_b();
#endif
    // The tables' linkage: external with clang, g++ -O0, or where TYPEGRAD_TABLE_LINKAGE is `inline`
    // (package.odr_external_linkage), internal with g++ otherwise.
#if defined(__clang__) || !defined(__OPTIMIZE__) || defined(TYPEGRAD_TEST_EXTERNAL_LINKAGE)
    const bool tables_as_documented = odr::plan_in_a() == odr::plan_in_b();
#else
    const bool tables_as_documented = odr::plan_in_a() != odr::plan_in_b();
#endif
    return va == vb && ga == gb && ga[odr::w] != 0.0 && operators_as_documented && tables_as_documented ? 0 : 1;
}

// Two translation units instantiate the same templates; they must link and agree.
#include "odr.hpp"

int main() {
    odr::parameters theta;
    theta[odr::w] = 0.7;
    theta[odr::b] = -0.2;
    odr::parameters ga, gb;
    const double va = odr::gradient_a(theta, ga);
    const double vb = odr::gradient_b(theta, gb);
    return va == vb && ga == gb && ga[odr::w] != 0.0 ? 0 : 1;
}

// Must not compile: tg::sum of plain numbers only (the sum of numbers is a number; + adds them).
#include <typegrad.hpp>

int main() {
    const auto s = typegrad::sum(1.0, 2.0, 3.0);
    return static_cast<int>(typegrad::eval(s));
}

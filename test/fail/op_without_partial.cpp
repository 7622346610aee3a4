// Must not compile: a user-defined op that forgets its partial derivative.
#include <typegrad.hpp>

struct cube_op {
    static constexpr std::string_view name = "cube";
    template <class T>
    static constexpr typegrad::local<T> forward(T a) { return {a * a * a, T(0)}; }
    template <class A>
    static constexpr auto derivative(const A& a) { return typegrad::c<3> * typegrad::square(a); }
};

int main() {
    constexpr auto x = typegrad::input<"x">;
    return static_cast<int>(typegrad::eval(typegrad::apply<cube_op>(x), x = 2.0));
}

# Warnings and sanitizers for typegrad's own tests and examples; never applied to the INTERFACE target.

function(typegrad_set_test_properties target)
  target_link_libraries(${target} PRIVATE typegrad::typegrad)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror)
  if(TYPEGRAD_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=all
                                             -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=all)
  endif()
endfunction()

# typegrad_add_compile_fail_test(NAME SOURCE REGEX...): compiles SOURCE, which must fail, once per
# REGEX, as tests NAME.1, NAME.2, ...; each passes only if the diagnostic matches its REGEX (CTest's
# PASS_REGULAR_EXPRESSION, so a program that compiles cannot pass). Carets are off, so a regex cannot
# match an echoed source line.
function(typegrad_add_compile_fail_test name source)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    set(no_caret -fno-caret-diagnostics)
  else()
    set(no_caret -fno-diagnostics-show-caret)
  endif()
  get_target_property(boost_includes Boost::headers INTERFACE_INCLUDE_DIRECTORIES)
  set(index 0)
  foreach(regex IN LISTS ARGN)
    math(EXPR index "${index} + 1")
    add_test(NAME ${name}.${index}
      COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 -fsyntax-only ${no_caret}
              -I${PROJECT_SOURCE_DIR}/include -I${boost_includes} ${source})
    set_tests_properties(${name}.${index} PROPERTIES PASS_REGULAR_EXPRESSION "${regex}")
  endforeach()
endfunction()

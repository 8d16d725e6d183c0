# Project-wide warnings: every target compiles warning-free.
add_compile_options(-Wall -Wextra -Werror -Wshadow $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor> -Wpedantic
                    -Wno-missing-field-initializers)

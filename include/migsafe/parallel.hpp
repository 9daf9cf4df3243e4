// Work on independent items spread over threads.
#pragma once

#include <cstddef>
#include <functional>

namespace migsafe {

// Calls `work(i)` for every i < count, `jobs` at a time (0: one per core).
void run_in_parallel(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work);

}  // namespace migsafe

#include "migsafe/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace migsafe {

void run_in_parallel(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work) {
    if (jobs == 0) {
        jobs = std::thread::hardware_concurrency();
    }
    jobs = std::max(1U, std::min<unsigned>(jobs, static_cast<unsigned>(std::min<std::size_t>(count, 1024))));
    if (jobs <= 1) {
        for (std::size_t i = 0; i < count; ++i) {
            work(i);
        }
        return;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    workers.reserve(jobs);
    for (unsigned w = 0; w < jobs; ++w) {
        workers.emplace_back([&] {
            for (std::size_t i = next++; i < count; i = next++) {
                work(i);
            }
        });
    }
    for (std::thread& worker : workers) {
        worker.join();
    }
}

}  // namespace migsafe

#include "cases/cases.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace elig_test {

namespace fs = std::filesystem;
using nlohmann::json;

static bool read_file(const fs::path& path, std::string& out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    out = buffer.str();
    return true;
}

static bool parse(const std::string& text, json& out)
{
    out = json::parse(text, nullptr, false);
    return !out.is_discarded();
}

std::vector<Case> load_cases(const std::string& dir, std::vector<std::string>& problems)
{
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());

    std::vector<Case> cases;
    for (const fs::path& file : files) {
        std::string text;
        json doc;
        if (!read_file(file, text) || !parse(text, doc) || !doc.is_object()) {
            problems.push_back(file.filename().string() + ": not a JSON object");
            continue;
        }
        Case c;
        c.name = file.stem().string();
        c.about = doc.contains("about") && doc["about"].is_string() ? doc["about"].get<std::string>() : "";
        if (!doc.contains("expect") || !doc["expect"].is_object()) {
            problems.push_back(c.name + ": no \"expect\" object");
            continue;
        }
        c.expect = doc["expect"];
        if (doc.contains("record_text")) {
            if (!doc["record_text"].is_string()) {
                problems.push_back(c.name + ": record_text must be a string");
                continue;
            }
            c.record_text = doc["record_text"].get<std::string>();
        } else {
            json record = json::object();
            if (doc.contains("base")) {
                std::string base_text;
                const std::string base_name = doc["base"].is_string() ? doc["base"].get<std::string>() : "";
                const fs::path base = fs::path(dir) / "bases" / (base_name + ".json");
                if (base_name.empty() || !read_file(base, base_text) || !parse(base_text, record)) {
                    problems.push_back(c.name + ": unknown base " + doc["base"].dump());
                    continue;
                }
            }
            if (doc.contains("record")) {
                if (doc.contains("base")) record.merge_patch(doc["record"]);
                else record = doc["record"];
            }
            c.record_text = record.dump();
        }
        cases.push_back(std::move(c));
    }
    return cases;
}

} // namespace elig_test

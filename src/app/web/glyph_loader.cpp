#include "app/ui/glyph_loader.h"

#include "app/web/web_bridge.h"
#include "core/base/stable_order.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace app {

namespace {

// A Chinese glyph with its place in the atlas taken but its pixels still to
// come: they are drawn at the end of the frame together with all others of
// its size, on one canvas read back once (draw_pending_glyphs).
struct PendingGlyph {
    ImFontBaked* baked;
    ImFontAtlasRectId pack_id;
    ImWchar codepoint;
    float size;  // in physical pixels
};

// The Chinese cell of one size (see web::ideograph_cell).
struct SizedCell {
    float size;
    web::GlyphBox cell;
};

// Each merged source's state, owned by ImGui's atlas.
struct SourceData {
    bool bold = false;
    std::vector<SizedCell> cells;       // by size, asked once each
    int rasterized = 0;                 // glyphs drawn so far (for the tests)
    std::vector<unsigned char> bitmap;  // reused between glyphs
    std::vector<PendingGlyph> pending;
};

bool source_init(ImFontAtlas*, ImFontConfig* src)
{
    src->FontLoaderData = IM_NEW(SourceData)();
    static_cast<SourceData*>(src->FontLoaderData)->bold = src->FontLoaderFlags != 0;
    return true;
}

void source_destroy(ImFontAtlas*, ImFontConfig* src)
{
    IM_DELETE(static_cast<SourceData*>(src->FontLoaderData));
    src->FontLoaderData = nullptr;
}

// Ideographs fill their em box; Inter's Latin does not (its capitals are
// 0.73 em tall), so at one size "CR" in "CR后外周血" reads a size smaller
// than the Chinese around it. Ideographs are drawn a little smaller and
// raised, so that both have one visual size and one middle.
constexpr float kIdeographScale = 0.90f;  // of the main font's size
constexpr float kIdeographRaise = 0.04f;  // of the main font's size, upwards

// CJK ideographs and the punctuation set with them, all one em wide
// (halfwidth forms excluded): these share a cell.
bool is_ideograph(ImWchar c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x3001 && c <= 0x303F) ||
           (c >= 0xFF01 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6);
}

// The cell of Chinese glyphs at `size`, or null without a Chinese font.
const web::GlyphBox* ideograph_cell(SourceData& data, float size)
{
    for (const SizedCell& sized : data.cells)
        if (sized.size == size) return sized.cell.width > 0 ? &sized.cell : nullptr;
    SizedCell sized{size, {}};
    if (!web::ideograph_cell(size, data.bold, sized.cell)) sized.cell = {};
    data.cells.push_back(sized);
    return sized.cell.width > 0 ? &data.cells.back().cell : nullptr;
}

// Control characters (a tab) are ImGui's own business, never a font's. A
// system with a Chinese font draws every Chinese character.
bool contains_glyph(ImFontAtlas*, ImFontConfig* src, ImWchar codepoint)
{
    if (codepoint < 0x20) return false;
    if (is_ideograph(codepoint)) return ideograph_cell(*static_cast<SourceData*>(src->FontLoaderData), 16.0f) != nullptr;
    return web::font_has_glyph(codepoint);
}

// Layout asks for a glyph's advance long before (and often without) drawing
// it: text below the fold, wrapped help. Browser glyphs cost a canvas draw
// and read-back each, so they are drawn only when drawn on screen.
bool baked_init(ImFontAtlas*, ImFontConfig*, ImFontBaked* baked, void*)
{
    baked->LoadNoRenderOnLayout = 1;
    return true;
}

// A size the atlas lets go of takes its waiting glyphs with it.
void baked_destroy(ImFontAtlas*, ImFontConfig* src, ImFontBaked* baked, void*)
{
    std::vector<PendingGlyph>& pending = static_cast<SourceData*>(src->FontLoaderData)->pending;
    std::erase_if(pending, [baked](const PendingGlyph& p) { return p.baked == baked; });
}

// The glyph's box, from the pen position on the baseline (the canvas's
// convention) to ImGui's, from the top of the line, whose baseline is at the
// main font's ascent.
void place_glyph(ImFontGlyph* out, const ImFontBaked* baked, float density, float offset_x, float offset_y, const ImTextureRect& rect)
{
    const float x0 = offset_x / density, y0 = offset_y / density + IM_ROUND(baked->Ascent);
    out->X0 = x0;
    out->Y0 = y0;
    out->X1 = x0 + static_cast<float>(rect.w) / density;
    out->Y1 = y0 + static_cast<float>(rect.h) / density;
    out->Visible = true;
}

// A Chinese character: its cell is known without drawing, so its place is
// taken now and its pixels wait for the end of the frame.
bool load_ideograph(ImFontAtlas* atlas, SourceData& data, ImFontBaked* baked, float density, float size, ImWchar codepoint, ImFontGlyph* out_glyph)
{
    const float raise = kIdeographRaise * size / kIdeographScale;  // `size` is already the ideographs'
    const web::GlyphBox cell = *ideograph_cell(data, size);
    const ImFontAtlasRectId pack_id = ImFontAtlasPackAddRect(atlas, cell.width, cell.height);
    if (pack_id == ImFontAtlasRectId_Invalid) return false;
    ++data.rasterized;
    out_glyph->Codepoint = codepoint;
    out_glyph->AdvanceX = cell.advance / density;
    out_glyph->PackId = pack_id;
    place_glyph(out_glyph, baked, density, cell.offset_x, cell.offset_y - raise, *ImFontAtlasPackGetRect(atlas, pack_id));
    data.pending.push_back({baked, pack_id, codepoint, size});
    return true;
}

bool load_glyph(ImFontAtlas* atlas, ImFontConfig* src, ImFontBaked* baked, void*, ImWchar codepoint, ImFontGlyph* out_glyph, float* out_advance_x)
{
    if (codepoint < 0x20) return false;
    SourceData& data = *static_cast<SourceData*>(src->FontLoaderData);
    const float density = src->RasterizerDensity * baked->RasterizerDensity;
    const float size = baked->Size * density, ideograph_size = size * kIdeographScale;
    const bool ideograph = is_ideograph(codepoint) && ideograph_cell(data, ideograph_size);
    if (out_advance_x) {
        if (ideograph) *out_advance_x = ideograph_cell(data, ideograph_size)->advance / density;
        else if (web::font_has_glyph(codepoint)) *out_advance_x = web::glyph_advance(codepoint, size, data.bold) / density;
        else return false;
        return true;
    }
    if (ideograph) return load_ideograph(atlas, data, baked, density, ideograph_size, codepoint, out_glyph);
    // Any other character: drawn and read back now. Large enough for a
    // glyph at this size, drawn with a margin.
    const int side = static_cast<int>(size * 2.5f) + 8;
    data.bitmap.assign(static_cast<size_t>(side) * static_cast<size_t>(side), 0);
    web::GlyphBox glyph;
    if (!web::rasterize_glyph(codepoint, size, data.bold, data.bitmap.data(), static_cast<int>(data.bitmap.size()), glyph)) return false;
    ++data.rasterized;
    out_glyph->Codepoint = codepoint;
    out_glyph->AdvanceX = glyph.advance / density;
    if (glyph.width <= 0 || glyph.height <= 0) return true;  // a space: advance only
    const ImFontAtlasRectId pack_id = ImFontAtlasPackAddRect(atlas, glyph.width, glyph.height);
    if (pack_id == ImFontAtlasRectId_Invalid) return false;
    ImTextureRect* rect = ImFontAtlasPackGetRect(atlas, pack_id);
    out_glyph->PackId = pack_id;
    place_glyph(out_glyph, baked, density, glyph.offset_x, glyph.offset_y, *rect);
    ImFontAtlasBakedSetFontGlyphBitmap(atlas, baked, src, out_glyph, rect, data.bitmap.data(), ImTextureFormat_Alpha8, glyph.width);
    return true;
}

// The waiting glyphs of one source, a size at a time: one canvas, one read.
void draw_pending(ImFontAtlas* atlas, ImFontConfig* src, SourceData& data)
{
    // By size (a positive float's bits order as its value does), in the order asked within a size.
    elig::stable_sort_by_key(data.pending, [](const PendingGlyph& glyph) {
        uint32_t bits;
        std::memcpy(&bits, &glyph.size, sizeof bits);
        return bits;
    });
    std::vector<uint32_t> codepoints;
    for (size_t first = 0, last; first < data.pending.size(); first = last) {
        const float size = data.pending[first].size;
        codepoints.clear();
        for (last = first; last < data.pending.size() && data.pending[last].size == size; ++last) codepoints.push_back(data.pending[last].codepoint);
        const web::GlyphBox cell = *ideograph_cell(data, size);
        const size_t cell_bytes = static_cast<size_t>(cell.width) * static_cast<size_t>(cell.height);
        data.bitmap.assign(cell_bytes * codepoints.size(), 0);
        web::draw_ideographs(codepoints.data(), static_cast<int>(codepoints.size()), size, data.bold, data.bitmap.data());
        for (size_t i = first; i < last; ++i) {
            // Gone if the atlas dropped or rebuilt it meanwhile.
            ImTextureRect* rect = ImFontAtlasPackGetRectSafe(atlas, data.pending[i].pack_id);
            if (!rect || rect->w != cell.width || rect->h != cell.height) continue;
            ImFontAtlasBakedSetFontGlyphBitmap(atlas, data.pending[i].baked, src, nullptr, rect, data.bitmap.data() + (i - first) * cell_bytes,
                                               ImTextureFormat_Alpha8, cell.width);
        }
    }
    data.pending.clear();
}

ImFontLoader make_loader()
{
    ImFontLoader loader;
    loader.Name = "browser fonts (Canvas2D)";
    loader.FontSrcInit = source_init;
    loader.FontSrcDestroy = source_destroy;
    loader.FontSrcContainsGlyph = contains_glyph;
    loader.FontBakedInit = baked_init;
    loader.FontBakedDestroy = baked_destroy;
    loader.FontBakedLoadGlyph = load_glyph;
    return loader;
}

const ImFontLoader* loader()
{
    static const ImFontLoader instance = make_loader();
    return &instance;
}

} // namespace

void install_glyph_loader() { (void)loader(); }

void merge_system_glyphs(bool bold)
{
    ImFontConfig config;
    config.MergeMode = true;
    config.FontLoader = loader();
    config.FontLoaderFlags = bold ? 1u : 0u;
    std::snprintf(config.Name, sizeof config.Name, "browser fonts%s", bold ? " (bold)" : "");
    ImGui::GetIO().Fonts->AddFont(&config);
}

void draw_pending_glyphs()
{
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    for (ImFontConfig& source : atlas->Sources)
        if (source.FontLoader == loader() && source.FontLoaderData) {
            SourceData& data = *static_cast<SourceData*>(source.FontLoaderData);
            if (!data.pending.empty()) draw_pending(atlas, &source, data);
        }
}

bool system_has_cjk_font() { return web::font_has_glyph(0x4E2D); }  // 中

int rasterized_glyph_count()
{
    int count = 0;
    for (const ImFontConfig& source : ImGui::GetIO().Fonts->Sources)
        if (source.FontLoader == loader() && source.FontLoaderData) count += static_cast<const SourceData*>(source.FontLoaderData)->rasterized;
    return count;
}

} // namespace app

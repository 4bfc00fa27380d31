/* Orderbook sides: sorted arrays, best order last (invariants in state/orderbook.h). */
#include "state/orderbook.h"

#include "anchor/errors.h"
#include "sol/syscalls.h"

u32 book_lower_bound(Orderbook *book, u8 side, u64 price) {
    const BookOrder *orders = book_side_orders(book, side);
    u32 low = 0;
    u32 high = *book_side_count(book, side);
    /* Invariant 1 makes "at least as good as price" false on a prefix and true
     * on the rest of the side: search for the boundary. */
    while (low < high) {
        u32 middle = low + (high - low) / 2;
        if (price_at_least_as_good(side, orders[middle].price, price)) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    return low;
}

u64 book_insert(Orderbook *book, u8 side, const BookOrder *order) {
    u32 *count = book_side_count(book, side);
    if (*count >= KAIROS_BOOK_SIDE_CAPACITY) {
        return KAIROS_ERR_BOOK_FULL;
    }
    BookOrder *orders = book_side_orders(book, side);
    u32 position = book_lower_bound(book, side, order->price);
    u32 shifted = *count - position;
    if (shifted != 0) {
        /* Orders of equal or better priority move up one slot; slot `count` is
         * free (count < capacity), so nothing is overwritten. */
        sol_memmove_(&orders[position + 1], &orders[position], (u64)shifted * sizeof(BookOrder));
    }
    orders[position] = *order;
    *count += 1;
    return KAIROS_OK;
}

void book_remove(Orderbook *book, u8 side, u32 index) {
    u32 *count = book_side_count(book, side);
    BookOrder *orders = book_side_orders(book, side);
    u32 shifted = *count - index - 1;
    if (shifted != 0) {
        sol_memmove_(&orders[index], &orders[index + 1], (u64)shifted * sizeof(BookOrder));
    }
    *count -= 1;
    /* Invariant 2: the slot past the last order is zero. */
    BookOrder empty = {0};
    orders[*count] = empty;
}

bool book_find(Orderbook *book, u8 side, u64 price, u64 order_id, u32 *index) {
    const BookOrder *orders = book_side_orders(book, side);
    u32 count = *book_side_count(book, side);
    /* The level of `price` starts at the lower bound and runs while the price
     * is equal (everything after it is strictly better). */
    for (u32 i = book_lower_bound(book, side, price); i < count && orders[i].price == price; i++) {
        if (orders[i].order_id == order_id) {
            *index = i;
            return true;
        }
    }
    return false;
}

bool book_take_from_best(Orderbook *book, u8 side, u64 lots) {
    u32 *count = book_side_count(book, side);
    BookOrder *best = &book_side_orders(book, side)[*count - 1];
    /* lots <= base_lots (the caller's precondition): no underflow. */
    best->base_lots -= lots;
    if (best->base_lots != 0) {
        return false;
    }
    if (best->hidden_lots == 0) {
        book_remove(book, side, *count - 1);
        return true;
    }
    BookOrder replenished = *best;
    replenished.base_lots =
        replenished.hidden_lots < replenished.display_lots ? replenished.hidden_lots
                                                           : replenished.display_lots;
    replenished.hidden_lots -= replenished.base_lots;
    book_remove(book, side, *count - 1);
    /* A slot was just freed, so the insert cannot fail; it goes behind every
     * order of equal or better price: the back of its level. */
    (void)book_insert(book, side, &replenished);
    return false;
}

package gridshop.grid.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqlTableTest {

    @Test
    void sqlColumnsAreSnakeCase() {
        assertEquals("UNIT_PRICE", SqlTable.snake("unitPrice"));
        assertEquals("ITEM_COUNT", SqlTable.snake("itemCount"));
        assertEquals("ID", SqlTable.snake("id"));
    }
}

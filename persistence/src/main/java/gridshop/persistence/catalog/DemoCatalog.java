package gridshop.persistence.catalog;

import gridshop.grid.catalog.Product;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic demo catalog: product {@code id} is always the same product, whatever the count, because
 * every product is drawn from its own seed. Around twenty categories, each with its own nouns, price band and
 * features; brands, ratings and stock vary per product.
 */
public final class DemoCatalog {
    private static final Timestamp EPOCH = Timestamp.valueOf("2026-01-01 00:00:00");

    record Category(String name, double minPrice, double maxPrice, List<String> nouns, List<String> features) {
    }

    private static final List<Category> CATEGORIES = List.of(
        new Category("Audio", 15, 600, List.of("Headphones", "Earbuds", "Speaker", "Soundbar", "Turntable"),
            List.of("noise cancelling", "wireless", "deep bass", "30-hour battery", "studio tuned")),
        new Category("Bags", 20, 400, List.of("Backpack", "Tote", "Duffel", "Messenger Bag", "Wallet"),
            List.of("water resistant", "leather", "padded laptop sleeve", "lightweight", "hand stitched")),
        new Category("Beauty", 5, 120, List.of("Face Cream", "Serum", "Lipstick", "Shampoo", "Perfume"),
            List.of("fragrance free", "vegan", "dermatologist tested", "long lasting", "organic")),
        new Category("Books", 6, 80, List.of("Novel", "Cookbook", "Atlas", "Biography", "Field Guide"),
            List.of("hardcover", "illustrated", "bestselling", "first edition", "annotated")),
        new Category("Cameras", 80, 3000, List.of("Mirrorless Camera", "Action Camera", "Lens", "Tripod", "Drone"),
            List.of("4K video", "image stabilised", "weather sealed", "fast autofocus", "compact")),
        new Category("Computers", 200, 3500, List.of("Laptop", "Desktop", "Monitor", "Tablet", "Docking Station"),
            List.of("16 GB memory", "OLED display", "fanless", "1 TB SSD", "long battery life")),
        new Category("Fitness", 10, 1500, List.of("Yoga Mat", "Dumbbell Set", "Treadmill", "Kettlebell", "Rowing Machine"),
            List.of("non slip", "foldable", "adjustable", "quiet", "gym grade")),
        new Category("Furniture", 40, 2500, List.of("Sofa", "Desk", "Bookshelf", "Armchair", "Dining Table"),
            List.of("solid oak", "easy assembly", "stain resistant", "modular", "mid century")),
        new Category("Garden", 8, 900, List.of("Lawn Mower", "Hose", "Planter", "Hedge Trimmer", "Barbecue"),
            List.of("cordless", "frost proof", "rust free", "ergonomic", "weatherproof")),
        new Category("Gaming", 20, 700, List.of("Console", "Controller", "Gaming Headset", "Keyboard", "Gaming Mouse"),
            List.of("RGB lighting", "low latency", "mechanical switches", "wireless", "tournament ready")),
        new Category("Groceries", 2, 60, List.of("Coffee Beans", "Olive Oil", "Green Tea", "Chocolate", "Honey"),
            List.of("fair trade", "single origin", "cold pressed", "organic", "small batch")),
        new Category("Jewelry", 25, 2000, List.of("Necklace", "Ring", "Bracelet", "Earrings", "Watch"),
            List.of("sterling silver", "gold plated", "handmade", "hypoallergenic", "gift boxed")),
        new Category("Kitchen", 10, 800, List.of("Espresso Machine", "Blender", "Chef Knife", "Frying Pan", "Toaster"),
            List.of("stainless steel", "dishwasher safe", "non stick", "programmable", "cast iron")),
        new Category("Lighting", 10, 500, List.of("Desk Lamp", "Floor Lamp", "Pendant Light", "LED Strip", "Lantern"),
            List.of("dimmable", "warm white", "smart control", "energy saving", "brass finish")),
        new Category("Office", 3, 600, List.of("Notebook", "Office Chair", "Fountain Pen", "Label Printer", "Shredder"),
            List.of("recycled paper", "lumbar support", "refillable", "quiet", "compact")),
        new Category("Outdoor", 15, 900, List.of("Tent", "Sleeping Bag", "Hiking Boots", "Rain Jacket", "Camping Stove"),
            List.of("ultralight", "waterproof", "four season", "breathable", "packable")),
        new Category("Pets", 4, 250, List.of("Dog Bed", "Cat Tree", "Leash", "Pet Feeder", "Aquarium"),
            List.of("machine washable", "chew resistant", "automatic", "orthopedic", "reflective")),
        new Category("Shoes", 25, 350, List.of("Running Shoes", "Sneakers", "Boots", "Sandals", "Loafers"),
            List.of("cushioned", "vegan leather", "wide fit", "recycled materials", "grippy sole")),
        new Category("Toys", 5, 300, List.of("Building Set", "Puzzle", "Doll House", "Remote Control Car", "Board Game"),
            List.of("ages 6 and up", "educational", "wooden", "battery free", "family friendly")),
        new Category("Watches", 40, 4000, List.of("Smartwatch", "Dive Watch", "Chronograph", "Field Watch", "Dress Watch"),
            List.of("sapphire crystal", "automatic movement", "heart rate sensor", "200 m water resistant", "titanium case")));

    private static final List<String> BRANDS = List.of("Acme", "Nordvik", "Lumen", "Kestrel", "Brightwood",
        "Solano", "Vireo", "Halcyon", "Orbis", "Tamarack", "Copperline", "Fjordlight", "Ironbark", "Meridian",
        "Pinecrest", "Quillon", "Redfern", "Silvan", "Tidewater", "Umbra", "Wayfarer", "Zephyr", "Alder & Co",
        "Basalt", "Cinder");
    private static final List<String> ADJECTIVES = List.of("Classic", "Compact", "Pro", "Essential", "Ultra",
        "Everyday", "Premium", "Sport", "Studio", "Travel", "Urban", "Heritage", "Eco", "Smart", "Signature");

    private DemoCatalog() {
    }

    /** Product {@code id} (1-based) of the demo catalog. */
    public static Product product(long id) {
        SplittableRandom r = new SplittableRandom(id * 0x9E3779B97F4A7C15L);
        Category c = CATEGORIES.get(r.nextInt(CATEGORIES.size()));
        String brand = pick(r, BRANDS);
        String noun = pick(r, c.nouns());
        String name = brand + " " + pick(r, ADJECTIVES) + " " + noun + " " + (char) ('A' + r.nextInt(26)) + (100 + r.nextInt(900));
        String f1 = pick(r, c.features());
        String f2 = pick(r, c.features());
        String description = "A " + f1 + (f1.equals(f2) ? "" : ", " + f2) + " " + noun.toLowerCase()
            + " from " + brand + ". Designed for everyday use and backed by a two-year warranty.";
        // Log-uniform in the category's band, so cheap items are more common than expensive ones.
        double logPrice = Math.log(c.minPrice()) + r.nextDouble() * (Math.log(c.maxPrice()) - Math.log(c.minPrice()));
        BigDecimal price = BigDecimal.valueOf(Math.floor(Math.exp(logPrice)) + 0.99).setScale(2, RoundingMode.HALF_UP);
        double rating = Math.round(Math.min(5.0, 2.5 + r.nextDouble() * 1.8 + r.nextDouble() * 0.8) * 10) / 10.0;
        return new Product(id, String.format("SKU-%08d", id), name, description, c.name(), brand, price, rating, 1, EPOCH);
    }

    /** Units in stock for product {@code id}: about one product in twenty is sold out. */
    public static int stock(long id) {
        SplittableRandom r = new SplittableRandom(id * 0xC2B2AE3D27D4EB4FL);
        return r.nextInt(20) == 0 ? 0 : 1 + r.nextInt(500);
    }

    public static Timestamp createdAt() {
        return EPOCH;
    }

    private static String pick(SplittableRandom r, List<String> from) {
        return from.get(r.nextInt(from.size()));
    }
}

package org.laborwatch.rules.ruleset;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.feature.EnterpriseFeatures;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * What a rule may name: the types it may mention and the members (methods, fields, properties) it may reach on them.
 * Anything not here is rejected by {@link RuleSetValidator}, so a class or method added to the JDK or to Drools never
 * becomes usable by accident; widening the sandbox is an edit to this class, reviewed like any other.
 *
 * <p>Members are allowed by name, taken from the public API of the allowed types, less what reaches outside the value
 * world (anything taking or returning a type not allowed here: {@code getClass}, streams, lambdas' functional types)
 * and what can run or allocate without bound ({@code repeat}, {@code pow}, {@code setLength}). A name is then usable
 * on any receiver; that is safe because every receiver a rule can get hold of is itself of an allowed type: it can only
 * name allowed types, and allowed members return allowed types. The two Drools handles are the exception and are
 * narrowed by the validator: {@code drools} offers only {@code getRule()}, {@code kcontext} nothing.
 */
final class RuleAllowlist {
    /** Types a rule may name, by simple name: the fact model and plain values. */
    private static final List<Class<?>> VALUE_TYPES = List.of(
            // the fact model and the collector
            EnterpriseFeatures.class, Signal.class, SignalType.class, SignalSource.class, RiskLevel.class,
            Findings.class,
            // java.lang basics
            String.class, StringBuilder.class, CharSequence.class, Math.class, Number.class, Integer.class,
            Long.class, Double.class, Float.class, Short.class, Byte.class, Boolean.class, Character.class,
            // java.math
            BigDecimal.class, BigInteger.class, RoundingMode.class, MathContext.class,
            // java.time
            Instant.class, Duration.class, Period.class, LocalDate.class, LocalDateTime.class, LocalTime.class,
            ZonedDateTime.class, OffsetDateTime.class, ZoneId.class, ZoneOffset.class, DayOfWeek.class,
            Month.class, Year.class, YearMonth.class, ChronoUnit.class);
    /** Collections a fact hands out (the signal's attributes); only their reading members are allowed. */
    private static final List<Class<?>> READ_ONLY_COLLECTIONS = List.of(
            List.class, Map.class, Set.class, Collection.class, Optional.class);
    private static final Set<String> READ_ONLY_COLLECTION_MEMBERS = Set.of(
            "get", "getOrDefault", "containsKey", "containsValue", "contains", "containsAll", "size", "isEmpty",
            "indexOf", "lastIndexOf", "isPresent", "orElse", "of", "copyOf", "equals", "toString", "hashCode");
    /**
     * Members of allowed types that nonetheless run or allocate without bound, block, reach the JVM's internals or read
     * its system properties ({@code Integer.getInteger("x")} is {@code System.getProperty} in disguise), or make a
     * rule judge differently on a replay (the clock, the default time zone, randomness): alerts must come out the same
     * when a signal is judged again, so a rule reads time from the signal.
     */
    private static final Set<String> EXCLUDED_MEMBERS = Set.of(
            "getClass", "getDeclaringClass", "wait", "notify", "notifyAll", "describeConstable",
            "resolveConstantDesc", "intern", "repeat", "pow", "shiftLeft", "setBit", "setLength", "ensureCapacity",
            "chars", "codePoints", "lines", "getInteger", "getLong", "getBoolean", "now", "systemDefault", "random");
    /** The Findings global: what a consequence does. */
    private static final Set<String> FINDINGS_MEMBERS = Set.of("add", "settle");

    static final String FINDINGS_GLOBAL = "hits";

    private static final Map<String, Class<?>> TYPE_BY_SIMPLE_NAME = new HashMap<>();
    private static final Set<String> TYPE_NAMES = new HashSet<>();
    private static final Set<String> MEMBERS = new HashSet<>();
    private static final Set<String> FACT_MEMBERS = new HashSet<>();

    static {
        for (Class<?> type : VALUE_TYPES) {
            TYPE_BY_SIMPLE_NAME.put(type.getSimpleName(), type);
            TYPE_NAMES.add(type.getName());
            MEMBERS.addAll(membersOf(type));
        }
        for (Class<?> type : READ_ONLY_COLLECTIONS) {
            TYPE_BY_SIMPLE_NAME.put(type.getSimpleName(), type);
            TYPE_NAMES.add(type.getName());
        }
        MEMBERS.addAll(READ_ONLY_COLLECTION_MEMBERS);
        MEMBERS.removeAll(EXCLUDED_MEMBERS);
        MEMBERS.addAll(FINDINGS_MEMBERS);
        FACT_MEMBERS.addAll(membersOf(EnterpriseFeatures.class));
        FACT_MEMBERS.addAll(membersOf(Signal.class));
        FACT_MEMBERS.removeAll(EXCLUDED_MEMBERS);
    }

    private RuleAllowlist() {
    }

    /** A type named by its simple name (java.lang types and imported ones). */
    static boolean allowsTypeName(String simpleName) {
        return TYPE_BY_SIMPLE_NAME.containsKey(simpleName);
    }

    /** A fully qualified type name, as written in an import or in a rule. */
    static boolean allowsQualifiedType(String qualifiedName) {
        return TYPE_NAMES.contains(qualifiedName);
    }

    static boolean allowsMember(String name) {
        return MEMBERS.contains(name);
    }

    /** A name a constraint may call without a receiver: a method of the fact it constrains. */
    static boolean allowsFactMember(String name) {
        return FACT_MEMBERS.contains(name);
    }

    /** The allowed types' simple names, for messages. */
    static String describeTypes() {
        return "the fact model (EnterpriseFeatures, Signal, SignalType, SignalSource, RiskLevel), "
                + "String, StringBuilder, Math, the boxed numbers, java.math (BigDecimal, BigInteger, RoundingMode), "
                + "java.time (Instant, Duration, LocalDate, ...) and reading List, Map, Set, Optional";
    }

    private static Set<String> membersOf(Class<?> type) {
        Set<String> names = new HashSet<>();
        for (Method method : type.getMethods()) {
            if (!staysInsideTheValueWorld(method)) {
                continue;
            }
            String name = method.getName();
            names.add(name);
            // MVEL constraints read getters as properties: signal.amount, getYear -> year.
            if (name.startsWith("get") && name.length() > 3 && method.getParameterCount() == 0) {
                names.add(Character.toLowerCase(name.charAt(3)) + name.substring(4));
            } else if (name.startsWith("is") && name.length() > 2 && method.getParameterCount() == 0) {
                names.add(Character.toLowerCase(name.charAt(2)) + name.substring(3));
            }
        }
        for (Field field : type.getFields()) {
            if (Modifier.isPublic(field.getModifiers()) && isValueType(field.getType())) {
                names.add(field.getName());
            }
        }
        return names;
    }

    private static boolean staysInsideTheValueWorld(Method method) {
        if (!isValueType(method.getReturnType())) {
            return false;
        }
        for (Class<?> parameter : method.getParameterTypes()) {
            if (!isValueType(parameter)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isValueType(Class<?> type) {
        while (type.isArray()) {
            type = type.getComponentType();
        }
        return type.isPrimitive() || type == Object.class || VALUE_TYPES.contains(type)
                || READ_ONLY_COLLECTIONS.contains(type) || type == Comparable.class;
    }
}
